import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialsService, type CredentialsService } from '../../../electron/credentials/credentials-service';
import { KEYCHAIN_SERVICE } from '../../../electron/credentials/keychain-secret-store';
import { openSecretStore } from '../../../electron/credentials/open-secret-store';
import { verifyLogin } from '../../../electron/credentials/verify-login';
import { openRegistriesStore, REGISTRIES_FILE_NAME, type RegistriesStore } from '../../../electron/registries/registries-store';
import { startKeyring, type TestKeyring } from '../../support/keyring';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { captureOutput, findSecrets } from './secret-sweep';

let keyring: TestKeyring;
let registry: TestRegistry;
let dataDir: string;
let store: RegistriesStore;
let service: CredentialsService;
const output = captureOutput();
const users = { alice: `alice-${Math.random().toString(36).slice(2)}-pw`, bob: `bob-${Math.random().toString(36).slice(2)}-pw` };

async function keychainItems(): Promise<Array<{ account: string; password: string }>> {
  return (await keytar.findCredentials(KEYCHAIN_SERVICE)).sort((a, b) => a.account.localeCompare(b.account));
}

beforeAll(async () => {
  keyring = await startKeyring();
  registry = await startRegistry({ auth: 'htpasswd', users });
  dataDir = await mkdtemp(join(tmpdir(), 'stevedore-data-'));
  store = await openRegistriesStore(dataDir);
  const opened = await openSecretStore();
  expect(opened.status).toMatchObject({ available: true });
  service = createCredentialsService({ registries: store, secrets: opened.store, verify: verifyLogin });
  await store.add({
    id: 'local',
    name: 'Local',
    url: registry.url,
    host: registry.host,
    kind: 'local',
    insecure: true,
    accounts: [],
    pinnedRepositories: [],
    useDockerCredentials: false,
  });
});

afterAll(async () => {
  output.restore();
  await registry?.stop();
  await keyring?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('logins in the real keychain (gnome-keyring over D-Bus)', () => {
  it('saves a verified login as one keychain item named after host and user', async () => {
    const accounts = await service.login('local', { username: 'alice', secret: users.alice });
    expect(accounts).toEqual([{ username: 'alice', active: true, secretKind: 'password', hasCredential: true }]);
    expect(await keychainItems()).toEqual([{ account: `${registry.host} alice`, password: users.alice }]);
  });

  it('adds a second account, which becomes the active one; both items are kept', async () => {
    const accounts = await service.login('local', { username: 'bob', secret: users.bob });
    expect(accounts.map((a) => [a.username, a.active])).toEqual([
      ['alice', false],
      ['bob', true],
    ]);
    expect((await keychainItems()).map((i) => i.account)).toEqual([`${registry.host} alice`, `${registry.host} bob`]);
    expect(await service.credentialFor(registry.host)).toEqual({ username: 'bob', password: users.bob });
  });

  it('switches the active account without touching the keychain', async () => {
    const before = await keychainItems();
    const accounts = await service.switchAccount('local', 'alice');
    expect(accounts.find((a) => a.active)?.username).toBe('alice');
    expect(await keychainItems()).toEqual(before);
    expect(await service.credentialFor(registry.host)).toEqual({ username: 'alice', password: users.alice });
  });

  it('keeps account names, and only names, in the registries file', async () => {
    const onDisk = JSON.parse(await readFile(join(dataDir, REGISTRIES_FILE_NAME), 'utf8'));
    expect(onDisk.registries[0].accounts).toEqual([
      { username: 'alice', active: true, secretKind: 'password' },
      { username: 'bob', active: false, secretKind: 'password' },
    ]);
  });

  it('logs out one account: its item goes, the other stays and becomes active', async () => {
    const accounts = await service.logout('local', 'alice');
    expect(accounts).toEqual([{ username: 'bob', active: true, secretKind: 'password', hasCredential: true }]);
    expect((await keychainItems()).map((i) => i.account)).toEqual([`${registry.host} bob`]);
  });

  it('removing the registry removes every item under its host, including an orphan left by a crash', async () => {
    await keytar.setPassword(KEYCHAIN_SERVICE, `${registry.host} carol`, 'orphaned-secret');
    await keytar.setPassword(KEYCHAIN_SERVICE, 'other.example.com dave', 'someone-elses-secret');
    await service.removeRegistry('local');
    expect(store.list()).toEqual([]);
    expect((await keychainItems()).map((i) => i.account)).toEqual(['other.example.com dave']);
    expect(await service.credentialFor(registry.host)).toBeUndefined();
  });

  it('secret sweep: no password in the data folder or the captured output', async () => {
    const hits = await findSecrets([users.alice, users.bob], { dirs: [dataDir], texts: { output: output.text() } });
    expect(hits).toEqual([]);
  });
});
