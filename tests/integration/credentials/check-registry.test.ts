import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryCredential } from '../../../electron/credentials/credential';
import { checkRegistry } from '../../../electron/registries/check-registry';
import { SavedRegistry } from '../../../electron/registries/saved-registry';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { startAnsweringServer, type AnsweringServer } from './answering-server';
import { issueIdentityToken } from './identity-token';

let open: TestRegistry;
let token: TestRegistry;
let notRegistry: AnsweringServer;
let negotiate: AnsweringServer;
let hostile: AnsweringServer;
const password = `status-${Math.random().toString(36).slice(2)}-pw`;

const saved = (url: string, username?: string) =>
  SavedRegistry.parse({
    id: 'r',
    name: 'r',
    url,
    host: new URL(url).host,
    kind: 'local',
    accounts: username ? [{ username, active: true }] : [],
  });
const using = (credential?: RegistryCredential) => ({ credentialFor: async () => credential });

beforeAll(async () => {
  open = await startRegistry({ auth: 'none' });
  token = await startRegistry({ auth: 'token', users: { alice: password } });
  notRegistry = await startAnsweringServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>'));
  negotiate = await startAnsweringServer((_req, res) => res.writeHead(401, { 'www-authenticate': 'Negotiate' }).end());
  hostile = await startAnsweringServer((_req, res) => res.writeHead(401, { 'www-authenticate': 'Bearer realm="file:///etc/passwd",service="x"' }).end('{}'));
});

afterAll(async () => {
  await open?.stop();
  await token?.stop();
  await notRegistry?.close();
  await negotiate?.close();
  await hostile?.close();
});

describe('registry status through the OCI client', () => {
  it('an open registry is connected, anonymously or with a login', async () => {
    expect(await checkRegistry(saved(open.url), using())).toMatchObject({ state: 'connected', reason: `${open.host} answers and allows anonymous access.` });
    expect(await checkRegistry(saved(open.url, 'alice'), using({ username: 'alice', password }))).toMatchObject({ state: 'connected', reason: `connected as alice: ${open.host} accepts the login.` });
  });

  it('token mode without a login asks for one (Bearer), and no anonymous token is fetched for the status', async () => {
    const before = token.tokenServer!.issued.length;
    expect(await checkRegistry(saved(token.url), using())).toMatchObject({ state: 'login-needed', reason: `${token.host} asks for a login (Bearer).` });
    expect(token.tokenServer!.issued.length).toBe(before);
  });

  it('token mode with the right password: connected as alice, with a token the token service issued for her', async () => {
    const before = token.tokenServer!.issued.length;
    expect(await checkRegistry(saved(token.url, 'alice'), using({ username: 'alice', password }))).toMatchObject({ state: 'connected', reason: `connected as alice: ${token.host} accepts the login.` });
    expect(token.tokenServer!.issued.slice(before).map((t) => t.subject)).toEqual(['alice']);
  });

  it('token mode with a password that no longer works: login needed, naming the account', async () => {
    const status = await checkRegistry(saved(token.url, 'alice'), using({ username: 'alice', password: 'changed-since' }));
    expect(status).toMatchObject({ state: 'login-needed', reason: "login needed: the registry refused alice's login. Log in again with a current password or token." });
  });

  it('token mode with an identity token: connected as the active account', async () => {
    const server = token.tokenServer!;
    const identityToken = await issueIdentityToken(server, 'alice', password);
    expect(await checkRegistry(saved(token.url, 'alice'), using({ identityToken }))).toMatchObject({ state: 'connected', reason: expect.stringMatching(/^connected as alice/) });
    expect(server.issued.at(-1)).toMatchObject({ subject: 'alice', via: 'refresh_token' });
  });

  it('nothing listening: unreachable, saying so', async () => {
    expect(await checkRegistry(saved('http://127.0.0.1:9'), using())).toMatchObject({
      state: 'unreachable',
      reason: 'Nothing is listening at 127.0.0.1:9: is the registry running, and is the port right?',
    });
  });

  it('a web server that is not a registry (mock server): an error saying GET /v2/ gave 404', async () => {
    expect(await checkRegistry(saved(notRegistry.url), using())).toMatchObject({ state: 'error', reason: `${notRegistry.host} answers, but not as an OCI registry (GET /v2/ gave 404).` });
  });

  it('a scheme Stevedore does not speak (mock server): login needed, naming the scheme', async () => {
    expect(await checkRegistry(saved(negotiate.url), using())).toMatchObject({ state: 'login-needed', reason: `${negotiate.host} asks for a login (negotiate).` });
  });

  it('a hostile realm (mock server): the login is never sent and the status names the refused token service', async () => {
    const status = await checkRegistry(saved(hostile.url, 'alice'), using({ username: 'alice', password }));
    expect(status).toMatchObject({ state: 'error', reason: expect.stringContaining('will not log in') });
    expect(hostile.requests).toEqual(['GET /v2/']);
  });

  it('a cancelled check rejects instead of reporting a status', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(checkRegistry(saved(open.url), using(), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
