import type { SecretKey, SecretStore } from './secret-store';

/** Session-only logins: kept in this process's memory until the app quits, never written anywhere. */
export function createSessionSecretStore(): SecretStore {
  const items = new Map<string, { key: SecretKey; secret: string }>();
  const id = (key: SecretKey) => `${key.host}\n${key.username}`;
  return {
    kind: 'session',
    get: async (key) => items.get(id(key))?.secret,
    set: async (key, secret) => {
      items.set(id(key), { key: { host: key.host, username: key.username }, secret });
    },
    delete: async (key) => items.delete(id(key)),
    list: async () => [...items.values()].map((item) => ({ ...item.key })),
  };
}
