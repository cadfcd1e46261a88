import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext, EventName, EventPayload, EventSink, RegistryView } from '../../../shared/contract';
import { createLoginsBackend, type LoginsBackend } from '../../../electron/credentials/create-logins-backend';
import { KEYCHAIN_SERVICE } from '../../../electron/credentials/keychain-secret-store';
import { createLoginsHandlers } from '../../../electron/logins/create-logins-handlers';
import { startKeyring, type TestKeyring } from '../../support/keyring';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { captureOutput, findSecrets } from './secret-sweep';

type LoginHandlers = ReturnType<typeof createLoginsHandlers>;

let keyring: TestKeyring;
let registry: TestRegistry;
let openRegistry: TestRegistry;
let dataDir: string;
let backend: LoginsBackend;
let handlers: LoginHandlers;
const emitted: RegistryView[][] = [];
const output = captureOutput();
const password = `alice-${Math.random().toString(36).slice(2)}-pw`;
const ctx: CallContext = { signal: new AbortController().signal };

const events: EventSink = {
  emit<E extends EventName>(name: E, payload: EventPayload<E>) {
    if (name === 'registries.changed') emitted.push(payload as RegistryView[]);
  },
};

async function open(): Promise<LoginHandlers> {
  backend = await createLoginsBackend({ dataDir, env: { HOME: dataDir, PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  return createLoginsHandlers(backend, events);
}

const keychainAccounts = async () => (await keytar.findCredentials(KEYCHAIN_SERVICE)).map((c) => c.account).sort();

beforeAll(async () => {
  keyring = await startKeyring();
  registry = await startRegistry({ auth: 'htpasswd', users: { alice: password } });
  openRegistry = await startRegistry({ auth: 'none' });
  dataDir = await mkdtemp(join(tmpdir(), 'stevedore-logins-'));
  handlers = await open();
});

afterAll(async () => {
  output.restore();
  await registry?.stop();
  await openRegistry?.stop();
  await keyring?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('registries.* and logins.* handlers on the real keychain and the real htpasswd registry', () => {
  let id = '';

  it('reports the keychain in logins.status and lists the presets with their hints', async () => {
    expect(await handlers['logins.status']({}, ctx)).toEqual({ keychain: { available: true, backend: expect.stringContaining('Secret Service') } });
    const presets = await handlers['registries.presets']({}, ctx);
    expect(presets.find((p) => p.kind === 'dockerhub')).toMatchObject({ host: 'registry-1.docker.io', usernameHint: 'Docker ID' });
  });

  it('adds the htpasswd registry, guesses its kind and shows "login needed" with the reason', async () => {
    emitted.length = 0;
    const view = await handlers['registries.add']({ url: registry.host }, ctx);
    id = view.id;
    expect(view).toMatchObject({ host: registry.host, kind: 'local', insecure: true, accounts: [] });
    expect(view.status).toMatchObject({ state: 'login-needed', reason: `${registry.host} asks for a login (Basic).` });
    expect(emitted.at(-1)?.[0]?.status.state).toBe('login-needed');
    expect(emitted.some((list) => list[0]?.status.state === 'checking')).toBe(true);
  });

  it('a wrong password gets the registry answer in plain words and saves nothing', async () => {
    await expect(handlers['logins.login']({ id, username: 'alice', secret: 'not-the-password' }, ctx)).rejects.toMatchObject({
      code: 'unauthorized',
      message: `${registry.host} refused the login for alice: "authentication required".`,
    });
    expect((await handlers['registries.list']({}, ctx))[0]?.accounts).toEqual([]);
    expect(await keychainAccounts()).toEqual([]);
  });

  it('the right password connects as alice; the view carries no secret', async () => {
    const view = await handlers['logins.login']({ id, username: 'alice', secret: password }, ctx);
    expect(view.accounts).toEqual([{ username: 'alice', active: true, secretKind: 'password', hasCredential: true }]);
    expect(view.status.state).toBe('connected');
    expect(view.status.reason).toContain('connected as alice');
    expect(JSON.stringify(view)).not.toContain(password);
    expect(await keychainAccounts()).toEqual([`${registry.host} alice`]);
  });

  it('registries and accounts persist across a restart; the secret stays in the keychain only', async () => {
    handlers = await open();
    const [view] = await handlers['registries.list']({}, ctx);
    expect(view).toMatchObject({ id, host: registry.host, accounts: [{ username: 'alice', hasCredential: true }], status: { state: 'unknown' } });
    expect((await handlers['registries.ping']({ id }, ctx)).reason).toContain('connected as alice');
  });

  it('a credential the registry no longer accepts shows "login needed: the registry refused alice\'s login"', async () => {
    await backend.credentials.store(id, { username: 'alice', secret: 'a-stale-password' });
    const status = await handlers['registries.ping']({ id }, ctx);
    expect(status.state).toBe('login-needed');
    expect(status.reason).toContain("the registry refused alice's login");
    await backend.credentials.store(id, { username: 'alice', secret: password });
  });

  it('updates name and CA file; an unusable CA file is refused with a message', async () => {
    const notPem = join(dataDir, 'not-a-cert.txt');
    await writeFile(notPem, 'hello');
    await expect(handlers['registries.update']({ id, caCertPath: notPem }, ctx)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('choose a PEM file') });
    const view = await handlers['registries.update']({ id, name: 'Team registry' }, ctx);
    expect(view).toMatchObject({ name: 'Team registry', status: { state: 'connected' } });
  });

  it('logout removes the keychain item and the status asks for a login again', async () => {
    const view = await handlers['logins.logout']({ id, username: 'alice' }, ctx);
    expect(view.accounts).toEqual([]);
    expect(view.status.state).toBe('login-needed');
    expect(await keychainAccounts()).toEqual([]);
  });

  it('switch makes another account active; remove deletes every keychain item of the registry', async () => {
    await backend.credentials.store(id, { username: 'bob', secret: 'bob-secret-value' });
    await handlers['logins.login']({ id, username: 'alice', secret: password }, ctx);
    const switched = await handlers['logins.switch']({ id, username: 'bob' }, ctx);
    expect(switched.accounts.find((a) => a.active)?.username).toBe('bob');
    expect(switched.status.reason).toContain("refused bob's login");
    expect(await keychainAccounts()).toEqual([`${registry.host} alice`, `${registry.host} bob`]);
    await handlers['registries.remove']({ id }, ctx);
    expect(await handlers['registries.list']({}, ctx)).toEqual([]);
    expect(await keychainAccounts()).toEqual([]);
    expect(emitted.at(-1)).toEqual([]);
  });

  it('an anonymous registry connects; a dead port is unreachable', async () => {
    const view = await handlers['registries.add']({ url: openRegistry.host, name: 'Open' }, ctx);
    expect(view.status).toMatchObject({ state: 'connected', reason: expect.stringContaining('anonymous access') });
    await openRegistry.stop();
    expect((await handlers['registries.ping']({ id: view.id }, ctx)).state).toBe('unreachable');
  });

  it('a corrupt registries file is kept aside and reported by logins.status', async () => {
    await writeFile(join(dataDir, 'registries.json'), '{ not json');
    handlers = await open();
    const status = await handlers['logins.status']({}, ctx);
    expect(status.registriesFileProblem).toMatch(/kept aside at .*registries\.json\.corrupt-/);
  });

  it('no secret reached the log or the data folder', async () => {
    expect(await findSecrets([password, 'bob-secret-value', 'a-stale-password'], { dirs: [dataDir], texts: { output: output.text() } })).toEqual([]);
  });
});

