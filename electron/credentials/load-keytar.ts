/** The part of keytar the app uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export type KeytarLoader = () => Promise<KeytarApi>;

/** Thrown when there is no usable keychain; `message` says what to install or start. */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
}

export const KEYTAR_MISSING = 'keytar is not built: install libsecret-1-dev and run npm install';
export const NO_SECRET_SERVICE = 'no keychain service is running (Secret Service over D-Bus)';

/** keytar is an optional dependency: import it only when asked, and explain its absence. */
export const loadKeytar: KeytarLoader = async () => {
  try {
    const specifier = 'keytar';
    const mod = (await import(/* @vite-ignore */ specifier)) as KeytarApi & { default?: KeytarApi };
    const api = mod.default ?? mod;
    if (typeof api.setPassword !== 'function') throw new Error('keytar has no setPassword');
    return api;
  } catch {
    throw new KeychainUnavailableError(KEYTAR_MISSING);
  }
};

/** Turns keytar's low-level failures into a sentence a user can act on. */
export function describeKeychainError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof KeychainUnavailableError) return message;
  if (/D-?Bus|org\.freedesktop\.secrets|was not provided by any \.service|autolaunch|DBUS_SESSION|Could not connect|Connection refused|ServiceUnknown/i.test(message)) {
    return NO_SECRET_SERVICE;
  }
  if (/locked collection|unlock|prompt/i.test(message)) {
    return 'the keychain is locked: unlock it (for example by logging in to the desktop) and try again';
  }
  return `the keychain refused the request (${message.slice(0, 160)})`;
}
