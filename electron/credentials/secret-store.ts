/** Where a login's secret is filed: one item per registry host and user name. */
export interface SecretKey {
  host: string;
  username: string;
}

/** Keeps secrets (passwords, tokens) out of every file the app writes. */
export interface SecretStore {
  /** `keychain`: the OS keychain, kept across restarts. `session`: memory only, gone at quit. */
  readonly kind: 'keychain' | 'session';
  get(key: SecretKey): Promise<string | undefined>;
  set(key: SecretKey, secret: string): Promise<void>;
  /** True when there was something to delete. */
  delete(key: SecretKey): Promise<boolean>;
  /** Every item this store holds, without the secrets. */
  list(): Promise<SecretKey[]>;
}

/** What the UI can say about where logins are kept. */
export type KeychainStatus = { available: true; backend: string } | { available: false; reason: string };
