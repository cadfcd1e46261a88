import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/contract';
import { createCredentialsService, type CredentialsService } from '../../../electron/credentials/credentials-service';
import { KEYCHAIN_SERVICE } from '../../../electron/credentials/keychain-secret-store';
import { openSecretStore } from '../../../electron/credentials/open-secret-store';
import { defaultVerifyLogin } from '../../../electron/credentials/verify-login';
import { openRegistriesStore, type RegistriesStore } from '../../../electron/registries/registries-store';
import { startKeyring, type TestKeyring } from '../../support/keyring';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { captureOutput, findSecrets } from './secret-sweep';

let keyring: TestKeyring;
let basicRegistry: TestRegistry;
let tokenRegistry: TestRegistry;
let hostile: Server;
let dataDir: string;
let store: RegistriesStore;
let service: CredentialsService;
const output = captureOutput();
const password = `right-${Math.random().toString(36).slice(2)}-pw`;
const wrong = `wrong-${Math.random().toString(36).slice(2)}-pw`;
const identityTokens: string[] = [];

const saved = (id: string, url: string) => ({
  id,
  name: id,
  url,
  host: new URL(url).host,
  kind: 'local' as const,
  insecure: true,
  accounts: [],
  pinnedRepositories: [],
  useDockerCredentials: false,
});

async function rejection(work: Promise<unknown>): Promise<ContractError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractError);
  return error as ContractError;
}

beforeAll(async () => {
  keyring = await startKeyring();
  basicRegistry = await startRegistry({ auth: 'htpasswd', users: { alice: password } });
  tokenRegistry = await startRegistry({ auth: 'token', users: { alice: password } });
  // A "registry" whose Bearer realm points at a file: URL; it must never receive the login.
  hostile = createServer((req, res) => {
    res.writeHead(401, { 'www-authenticate': 'Bearer realm="file:///etc/passwd",service="x"' }).end('{}');
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  dataDir = await mkdtemp(join(tmpdir(), 'stevedore-data-'));
  store = await openRegistriesStore(dataDir);
  const { store: secrets } = await openSecretStore();
  service = createCredentialsService({ registries: store, secrets, verify: defaultVerifyLogin });
  await store.add(saved('basic', basicRegistry.url));
  await store.add(saved('token', tokenRegistry.url));
  await store.add(saved('hostile', `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`));
});

afterAll(async () => {
  output.restore();
  hostile?.close();
  await basicRegistry?.stop();
  await tokenRegistry?.stop();
  await keyring?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('verify a login against the real registry before saving it', () => {
  it('htpasswd: a wrong password is refused in plain words and nothing is saved', async () => {
    const error = await rejection(service.login('basic', { username: 'alice', secret: wrong }));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain(`${basicRegistry.host} refused that user name and password`);
    expect(error.message).not.toContain(wrong);
    expect(store.get('basic')?.accounts).toEqual([]);
    expect(await keytar.findCredentials(KEYCHAIN_SERVICE)).toEqual([]);
  });

  it('htpasswd: the right password is saved', async () => {
    await service.login('basic', { username: 'alice', secret: password });
    expect(store.get('basic')?.accounts).toEqual([{ username: 'alice', active: true, secretKind: 'password' }]);
    expect(await keytar.findCredentials(KEYCHAIN_SERVICE)).toEqual([{ account: `${basicRegistry.host} alice`, password }]);
  });

  it('token: a wrong password is refused by the token service and nothing is saved', async () => {
    const error = await rejection(service.login('token', { username: 'alice', secret: wrong }));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain(`${tokenRegistry.host} refused that login`);
    expect(store.get('token')?.accounts).toEqual([]);
    expect((await keytar.findCredentials(KEYCHAIN_SERVICE)).map((i) => i.account)).toEqual([`${basicRegistry.host} alice`]);
  });

  it('token: the right password gets a token the registry accepts, and is saved', async () => {
    const before = tokenRegistry.tokenServer!.issued.filter((t) => t.subject === 'alice').length;
    await service.login('token', { username: 'alice', secret: password });
    expect(tokenRegistry.tokenServer!.issued.filter((t) => t.subject === 'alice').length).toBe(before + 1);
    expect(store.get('token')?.accounts.map((a) => a.username)).toEqual(['alice']);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, `${tokenRegistry.host} alice`)).toBe(password);
  });

  it('token: an identity (refresh) token is checked with the OAuth2 refresh grant and saved as such', async () => {
    const server = tokenRegistry.tokenServer!;
    const url = new URL(server.realm);
    url.searchParams.set('service', server.service);
    url.searchParams.set('offline_token', 'true');
    const reply = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`alice:${password}`).toString('base64')}` } });
    const refreshToken = ((await reply.json()) as { refresh_token: string }).refresh_token;
    expect(refreshToken.length).toBeGreaterThan(10);
    identityTokens.push(refreshToken);

    const bogus = await rejection(service.login('token', { username: '<token>', secret: `${refreshToken}x`, secretKind: 'identity-token' }));
    expect(bogus.code).toBe('unauthorized');

    await service.login('token', { username: '<token>', secret: refreshToken, secretKind: 'identity-token' });
    expect(server.issued.at(-1)).toMatchObject({ subject: 'alice', via: 'refresh_token' });
    expect(await service.credentialFor(tokenRegistry.host)).toEqual({ identityToken: refreshToken });
  });

  it('an unknown user at the token service is refused too', async () => {
    const error = await rejection(service.login('token', { username: 'mallory', secret: password }));
    expect(error.code).toBe('unauthorized');
  });

  it('a Bearer realm on a file: URL is refused and the login never leaves', async () => {
    const error = await rejection(service.login('hostile', { username: 'alice', secret: password }));
    expect(error.code).toBe('denied');
    expect(error.message).toMatch(/did not send your login .* token address uses file/);
    expect(store.get('hostile')?.accounts).toEqual([]);
  });

  it('an unreachable registry gives a network error naming the host', async () => {
    await store.add(saved('gone', 'http://127.0.0.1:9'));
    const error = await rejection(service.login('gone', { username: 'alice', secret: password }));
    expect(error.code).toBe('network');
    expect(error.message).toContain('127.0.0.1:9');
  });

  it('secret sweep: neither password is in the data folder or the captured output', async () => {
    expect(await findSecrets([password, wrong, ...identityTokens], { dirs: [dataDir], texts: { output: output.text() } })).toEqual([]);
  });
});
