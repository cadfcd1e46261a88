import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialsService, type CredentialsService } from '../../../electron/credentials/credentials-service';
import { KEYCHAIN_SERVICE } from '../../../electron/credentials/keychain-secret-store';
import { openSecretStore } from '../../../electron/credentials/open-secret-store';
import { verifyLogin } from '../../../electron/credentials/verify-login';
import { openRegistriesStore, type RegistriesStore } from '../../../electron/registries/registries-store';
import { startKeyring, type TestKeyring } from '../../support/keyring';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { startAnsweringServer, type AnsweringServer } from './answering-server';
import { issueIdentityToken } from './identity-token';
import { rejection } from './rejection';
import { captureOutput, findSecrets } from './secret-sweep';

let keyring: TestKeyring;
let basicRegistry: TestRegistry;
let tokenRegistry: TestRegistry;
let hostile: AnsweringServer;
let negotiate: AnsweringServer;
let oauth: AnsweringServer;
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

beforeAll(async () => {
  keyring = await startKeyring();
  basicRegistry = await startRegistry({ auth: 'htpasswd', users: { alice: password } });
  tokenRegistry = await startRegistry({ auth: 'token', users: { alice: password } });
  // A "registry" whose Bearer realm points at a file: URL; it must never receive the login.
  hostile = await startAnsweringServer((_req, res) => res.writeHead(401, { 'www-authenticate': 'Bearer realm="file:///etc/passwd",service="x"' }).end('{}'));
  negotiate = await startAnsweringServer((_req, res) => res.writeHead(401, { 'www-authenticate': 'Negotiate' }).end());
  // An OAuth2 token service that answers a bad password with 400 invalid_grant and echoes it back.
  oauth = await startAnsweringServer((req, res, url) => {
    if (req.url?.startsWith('/v2/')) return void res.writeHead(401, { 'www-authenticate': `Bearer realm="${url}/token",service="oauth"` }).end();
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const said = `invalid_grant for password ${new URLSearchParams(body).get('password') ?? ''}`;
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant', error_description: said }));
    });
  });
  dataDir = await mkdtemp(join(tmpdir(), 'stevedore-data-'));
  store = await openRegistriesStore(dataDir);
  const { store: secrets } = await openSecretStore();
  service = createCredentialsService({ registries: store, secrets, verify: verifyLogin });
  await store.add(saved('basic', basicRegistry.url));
  await store.add(saved('token', tokenRegistry.url));
  await store.add(saved('hostile', hostile.url));
});

afterAll(async () => {
  output.restore();
  await hostile?.close();
  await negotiate?.close();
  await oauth?.close();
  await basicRegistry?.stop();
  await tokenRegistry?.stop();
  await keyring?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('verify a login against the real registry before saving it', () => {
  it('htpasswd: a wrong password is refused in plain words and nothing is saved', async () => {
    const error = await rejection(service.login('basic', { username: 'alice', secret: wrong }));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toBe(`${basicRegistry.host} refused the login for alice: "authentication required".`);
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
    expect(error.message).toBe(`${tokenRegistry.host} refused the login for alice: "invalid username or password".`);
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
    const refreshToken = await issueIdentityToken(server, 'alice', password);
    expect(refreshToken.length).toBeGreaterThan(10);
    identityTokens.push(refreshToken);

    const bogus = await rejection(service.login('token', { username: '<token>', secret: `${refreshToken}x`, secretKind: 'identity-token' }));
    expect(bogus.code).toBe('unauthorized');
    expect(bogus.message).toBe(`${tokenRegistry.host} refused the login for that identity token: "unknown or revoked refresh token".`);
    expect(bogus.message).not.toContain(refreshToken);

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
    expect(error.message).toMatch(/^Stevedore will not log in to 127\.0\.0\.1:\d+: its token service uses the file scheme/);
    expect(hostile.requests).toEqual(['GET /v2/']);
    expect(store.get('hostile')?.accounts).toEqual([]);
  });

  it('an unreachable registry gives a network error naming the host', async () => {
    await store.add(saved('gone', 'http://127.0.0.1:9'));
    const error = await rejection(service.login('gone', { username: 'alice', secret: password }));
    expect(error.code).toBe('network');
    expect(error.message).toBe('Nothing is listening at 127.0.0.1:9: is the registry running, and is the port right?');
  });

  it('an identity token for a registry that wants a password is an input error', async () => {
    const error = await rejection(verifyLogin({ url: basicRegistry.url }, { identityToken: `id-${password}` }));
    expect(error).toMatchObject({ code: 'invalid-input', message: `${basicRegistry.host} asks for a user name and password, not an identity token.` });
  });

  it('a login scheme Stevedore does not speak (mock server) is named', async () => {
    const error = await rejection(verifyLogin({ url: negotiate.url }, { username: 'alice', password }));
    expect(error).toMatchObject({ code: 'unauthorized', message: `${negotiate.host} asks for a kind of login Stevedore does not speak (negotiate).` });
  });

  it('an OAuth2 400 invalid_grant (mock server) is a refusal, quoted without the password it echoed', async () => {
    const error = await rejection(verifyLogin({ url: oauth.url }, { username: 'alice', password: wrong }));
    expect(error).toMatchObject({ code: 'unauthorized', message: `${oauth.host} refused the login for alice: "invalid_grant for password [redacted]".` });
  });

  it('secret sweep: neither password is in the data folder or the captured output', async () => {
    expect(await findSecrets([password, wrong, ...identityTokens], { dirs: [dataDir], texts: { output: output.text() } })).toEqual([]);
  });
});
