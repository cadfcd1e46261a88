import { createKeychainSecretStore, KEYCHAIN_SERVICE } from './keychain-secret-store';
import { describeKeychainError, loadKeytar, type KeytarLoader } from './load-keytar';
import type { KeychainStatus, SecretStore } from './secret-store';
import { createSessionSecretStore } from './session-secret-store';

export interface OpenedSecretStore {
  store: SecretStore;
  status: KeychainStatus;
}

/**
 * The OS keychain when it answers, otherwise session-only logins with the reason, so the login
 * dialog can say plainly that this login will be forgotten at quit. Never plaintext on disk.
 */
export async function openSecretStore(options: { loader?: KeytarLoader; service?: string } = {}): Promise<OpenedSecretStore> {
  const status = await keychainStatus(options);
  if (!status.available) return { store: createSessionSecretStore(), status };
  const keytar = await (options.loader ?? loadKeytar)();
  return { store: createKeychainSecretStore(keytar, options.service ?? KEYCHAIN_SERVICE), status };
}

/** Whether keytar loads and a keychain service answers a harmless query. */
export async function keychainStatus(options: { loader?: KeytarLoader; service?: string } = {}): Promise<KeychainStatus> {
  try {
    const keytar = await (options.loader ?? loadKeytar)();
    await withTimeout(keytar.findCredentials(options.service ?? KEYCHAIN_SERVICE), PROBE_TIMEOUT_MS);
    return { available: true, backend: backendName() };
  } catch (error) {
    return { available: false, reason: describeKeychainError(error) };
  }
}

const PROBE_TIMEOUT_MS = 15_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the keychain service (D-Bus) did not answer in time')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function backendName(): string {
  if (process.platform === 'darwin') return 'macOS Keychain';
  if (process.platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (GNOME Keyring, KWallet)';
}
