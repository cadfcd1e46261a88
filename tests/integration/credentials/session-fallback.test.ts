import { afterAll, describe, expect, it } from 'vitest';
import { createCredentialsService } from '../../../electron/credentials/credentials-service';
import { KEYTAR_MISSING, KeychainUnavailableError, loadKeytar, NO_SECRET_SERVICE } from '../../../electron/credentials/load-keytar';
import { keychainStatus, openSecretStore } from '../../../electron/credentials/open-secret-store';
import { openRegistriesStore } from '../../../electron/registries/registries-store';
import { makeTempDir, removeTempDir } from '../../support/processes';

// This file starts no keyring: it points this process at a D-Bus address where nothing listens,
// before the first keytar call, so the real keytar meets "no Secret Service".
const savedAddress = process.env.DBUS_SESSION_BUS_ADDRESS;
process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/stevedore-test-bus';

afterAll(() => {
  if (savedAddress === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
  else process.env.DBUS_SESSION_BUS_ADDRESS = savedAddress;
});

describe('where no keychain works', () => {
  it('the real keytar with no Secret Service on the bus: status says so, logins become session-only', async () => {
    expect(await keychainStatus({ loader: loadKeytar })).toEqual({ available: false, reason: NO_SECRET_SERVICE });
    const opened = await openSecretStore();
    expect(opened.store.kind).toBe('session');
  });

  it('mock loader: keytar not built gives the install hint and a session-only store that works until quit', async () => {
    const missing = async () => {
      throw new KeychainUnavailableError(KEYTAR_MISSING);
    };
    const opened = await openSecretStore({ loader: missing });
    expect(opened.status).toEqual({ available: false, reason: 'keytar is not built: install libsecret-1-dev and run npm install' });

    const dataDir = await makeTempDir('session-data');
    try {
      const registries = await openRegistriesStore(dataDir);
      await registries.add({
        id: 'r1',
        name: 'r1',
        url: 'https://registry.example.com',
        host: 'registry.example.com',
        kind: 'generic',
        insecure: false,
        accounts: [],
        pinnedRepositories: [],
        useDockerCredentials: false,
      });
      const verified: string[] = [];
      const service = createCredentialsService({
        registries,
        secrets: opened.store,
        // mock verify: no registry is involved in what this test checks
        verify: async (target) => {
          verified.push(target.url);
        },
      });
      expect(service.storeKind).toBe('session');
      await service.login('r1', { username: 'sam', secret: 'session-only-secret' });
      expect(verified).toEqual(['https://registry.example.com']);
      expect(await service.credentialFor('registry.example.com')).toEqual({ username: 'sam', password: 'session-only-secret' });
      expect(await opened.store.list()).toEqual([{ host: 'registry.example.com', username: 'sam' }]);
      await service.removeRegistry('r1');
      expect(await opened.store.list()).toEqual([]);
    } finally {
      await removeTempDir(dataDir);
    }
  });

  it('mock loader: a keytar that loads but whose service refuses is reported in words', async () => {
    const refusing = async () => ({
      getPassword: async () => null,
      setPassword: async () => undefined,
      deletePassword: async () => false,
      findCredentials: async (): Promise<never> => {
        throw new Error('Cannot create an item in a locked collection');
      },
    });
    expect(await keychainStatus({ loader: refusing })).toEqual({
      available: false,
      reason: 'the keychain is locked: unlock it (for example by logging in to the desktop) and try again',
    });
  });
});

describe('a keychain that fails after start-up', () => {
  it('mock keytar: a locked keychain becomes a sentence naming the action, not a raw error', async () => {
    const { createKeychainSecretStore } = await import('../../../electron/credentials/keychain-secret-store');
    const locked = createKeychainSecretStore({
      getPassword: async () => {
        throw new Error('Cannot get secret of a locked object');
      },
      setPassword: async () => {
        throw new Error('Cannot create an item in a locked collection');
      },
      deletePassword: async () => false,
      findCredentials: async () => [],
    });
    await expect(locked.set({ host: 'ghcr.io', username: 'octocat' }, 'x')).rejects.toMatchObject({
      code: 'internal',
      message: 'Stevedore could not save the login in the keychain: the keychain is locked: unlock it (for example by logging in to the desktop) and try again.',
    });
    await expect(locked.get({ host: 'ghcr.io', username: 'octocat' })).rejects.toMatchObject({ message: expect.stringContaining('could not read the login from the keychain') });
  });
});

describe('the wired back end', () => {
  it('mock loader: starts session-only, reports a corrupt registries file, and still works', async () => {
    const { createLoginsBackend } = await import('../../../electron/credentials/create-logins-backend');
    const { writeFile } = await import('node:fs/promises');
    const dataDir = await makeTempDir('backend-data');
    try {
      await writeFile(`${dataDir}/registries.json`, '[1, 2');
      const backend = await createLoginsBackend({
        dataDir,
        env: { HOME: dataDir },
        keytarLoader: async () => {
          throw new KeychainUnavailableError(KEYTAR_MISSING);
        },
      });
      expect(backend.keychain).toEqual({ available: false, reason: KEYTAR_MISSING });
      expect(backend.credentials.storeKind).toBe('session');
      expect(backend.registries.problem?.message).toMatch(/^Your registries file was unreadable \(it is not valid JSON\) and was kept aside at .*registries\.json\.corrupt-/);
      expect(await backend.scanImports()).toEqual({ found: [], problems: [] });
    } finally {
      await removeTempDir(dataDir);
    }
  });
});
