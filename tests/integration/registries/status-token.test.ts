import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeyring, type TestKeyring } from '../../support/keyring';
import { makeTempDir, randomSecret, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { ctx, startRun, type StatusRun } from './status-env';

// Registry status without user action on the real Distribution registry in token-auth mode, with
// the test token server and the real keychain.

/** Tokens live this long, so a changed password is met by the token service within the test. */
const TOKEN_TTL_SECONDS = 2;

let keyring: TestKeyring;
let registry: TestRegistry;
let dataDir: string;
let first: StatusRun | undefined;
let run: StatusRun;
let id = '';

beforeAll(async () => {
  keyring = await startKeyring();
  registry = await startRegistry({ auth: 'token', users: { alice: randomSecret() }, tokenTtlSeconds: TOKEN_TTL_SECONDS });
  dataDir = await makeTempDir('status-token');
  first = await startRun(dataDir);
  id = (await first.handlers['registries.add']({ url: registry.host, name: 'Tokens' }, ctx)).id;
  await first.handlers['logins.login']({ id, username: 'alice', secret: registry.users.alice! }, ctx);
  await first.close();
  first = undefined;
}, 60_000);

afterAll(async () => {
  await first?.close();
  await run?.close();
  await registry?.stop();
  await keyring?.stop();
  if (dataDir) await removeTempDir(dataDir);
});

describe('registry status after a restart, kept true by the requests the app makes (token auth)', () => {
  it('a restart shows the saved login "connected as alice" without any user action; the token service issued alice a token for it', async () => {
    registry.tokenServer!.resetRecords();
    run = await startRun(dataDir);
    const status = await run.waitFor(id, 'connected');
    expect(status.reason).toBe(`connected as alice: ${registry.host} accepts the login.`);
    expect(registry.tokenServer!.issued.map((token) => token.subject)).toEqual(['alice']);
  });

  it('a listing that succeeds keeps the status and asks the token service only for the catalog scope', async () => {
    registry.tokenServer!.resetRecords();
    const eventsBefore = run.changes.length;
    const listing = await run.handlers['catalog.repositories']({ registryId: id, refresh: true }, ctx);
    expect(listing.problem).toBeUndefined();
    expect(registry.tokenServer!.issued.map((token) => [token.subject, token.scopes])).toEqual([['alice', ['registry:catalog:*']]]);
    expect(run.changes.length).toBe(eventsBefore);
  });

  it('a password changed at the token service turns it into "login needed" on the next listing', async () => {
    registry.users.alice = randomSecret();
    registry.tokenServer!.users.alice = registry.users.alice;
    // The token already issued stays good until it expires; the next listing then asks for a new one.
    await sleep(TOKEN_TTL_SECONDS * 1000 + 200);
    const listing = await run.handlers['catalog.repositories']({ registryId: id, refresh: true }, ctx);
    expect(listing.problem).toBe(`${registry.host} refused the login: check the user name and password.`);
    const status = await run.waitFor(id, 'login-needed');
    expect(status.reason).toBe("login needed: the registry refused alice's login. Log in again with a current password or token.");
  });
});
