import { ContractError } from '../../shared/contract';
import { describeKeychainError, type KeytarApi } from './load-keytar';
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
    get: (key) => guarded('read the login from', async () => (await keytar.getPassword(service, keychainAccount(key))) ?? undefined),
    set: (key, secret) => guarded('save the login in', () => keytar.setPassword(service, keychainAccount(key), secret)),
    delete: (key) => guarded('remove the login from', () => keytar.deletePassword(service, keychainAccount(key))),
    list: () =>
      guarded('list the logins in', async () =>
        (await keytar.findCredentials(service)).flatMap(({ account }) => {
          const key = parseKeychainAccount(account);
          return key ? [key] : [];
        }),
      ),
  };
}

/** keytar's errors name no secret, but are not sentences a user can act on: turn them into one. */
async function guarded<T>(action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new ContractError('internal', `Stevedore could not ${action} the keychain: ${describeKeychainError(error)}.`);
  }
}
