import type { KeytarApi } from './load-keytar';
import type { SecretKey, SecretStore } from './secret-store';

/** The name the OS keychain tool lists Stevedore's items under. */
export const KEYCHAIN_SERVICE = 'Stevedore registry login';

/** `<host> <username>`: a host never holds a space, so the first space splits the two. */
export function keychainAccount(key: SecretKey): string {
  return `${key.host} ${key.username}`;
}

export function parseKeychainAccount(account: string): SecretKey | undefined {
  const space = account.indexOf(' ');
  if (space <= 0 || space === account.length - 1) return undefined;
  return { host: account.slice(0, space), username: account.slice(space + 1) };
}

/** Secrets in the OS keychain (Secret Service, macOS Keychain, Windows Credential Manager) via keytar. */
export function createKeychainSecretStore(keytar: KeytarApi, service = KEYCHAIN_SERVICE): SecretStore {
  return {
    kind: 'keychain',
    get: async (key) => (await keytar.getPassword(service, keychainAccount(key))) ?? undefined,
    set: (key, secret) => keytar.setPassword(service, keychainAccount(key), secret),
    delete: (key) => keytar.deletePassword(service, keychainAccount(key)),
    list: async () =>
      (await keytar.findCredentials(service)).flatMap(({ account }) => {
        const key = parseKeychainAccount(account);
        return key ? [key] : [];
      }),
  };
}
