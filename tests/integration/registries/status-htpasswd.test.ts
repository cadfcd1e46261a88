import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { startKeyring, type TestKeyring } from '../../support/keyring';
import { makeTempDir, randomSecret, removeTempDir, runCommand } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { ctx, pushTinyArtifact, startRun, type StatusRun } from './status-env';

// Registry status without user action, on the real htpasswd and anonymous Distribution registries
// and the real keychain. The htpasswd registry sits behind the recording proxy, so the test sees
// every request the app sends it.

const password = randomSecret();
let keyring: TestKeyring;
let registry: TestRegistry;
let proxy: FaultProxy;
let open: TestRegistry;
let dataDir: string;
let first: StatusRun | undefined;
let run: StatusRun;
let teamId = '';
let openId = '';

beforeAll(async () => {
  keyring = await startKeyring();
  registry = await startRegistry({ auth: 'htpasswd', users: { alice: password } });
  proxy = await startFaultProxy({ upstream: registry.url });
  open = await startRegistry({ auth: 'none' });
  dataDir = await makeTempDir('status-htpasswd');
  await pushTinyArtifact(registry.url, 'alice', password, 'team/app', 'v1');

  // The first run: the user adds both registries and logs in; then quits.
  first = await startRun(dataDir);
  teamId = (await first.handlers['registries.add']({ url: proxy.host, name: 'Team' }, ctx)).id;
  await first.handlers['logins.login']({ id: teamId, username: 'alice', secret: password }, ctx);
  openId = (await first.handlers['registries.add']({ url: open.host, name: 'Open' }, ctx)).id;
  await first.close();
  first = undefined;
}, 60_000);

afterAll(async () => {
  await first?.close();
  await run?.close();
  await proxy?.stop();
  await registry?.stop();
  await open?.stop();
  await keyring?.stop();
  if (dataDir) await removeTempDir(dataDir);
});

describe('registry status after a restart, kept true by the requests the app makes (htpasswd, anonymous)', () => {
  it('a restart shows the saved login "connected as alice" and the anonymous registry "connected", without any call but registries.list', async () => {
    proxy.clearRecord();
    run = await startRun(dataDir);
    const team = await run.waitFor(teamId, 'connected');
    expect(team.reason).toBe(`connected as alice: ${proxy.host} accepts the login.`);
    expect((await run.waitFor(openId, 'connected')).reason).toBe(`${open.host} answers and allows anonymous access.`);
    // The check: an anonymous GET /v2/, then GET /v2/ with the login (the token-free Basic scheme).
    expect(proxy.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /v2/ 401', 'GET /v2/ 200']);
    expect(proxy.requests[1]?.headerNames).toContain('authorization');
  });

  it('Local is connected from the start and never checked', async () => {
    const local = (await run.handlers['registries.list']({}, ctx)).find((r) => r.id === 'local');
    expect(local?.status).toMatchObject({ state: 'connected' });
    expect(local?.status.checkedAt).toBeUndefined();
    expect(run.statesOf('local').every((state) => state === 'connected')).toBe(true);
  });

  it('listings and tag reads that succeed send no request of their own and no event once the status is true', async () => {
    proxy.clearRecord();
    const eventsBefore = run.changes.length;
    for (let round = 0; round < 3; round += 1) {
      const listing = await run.handlers['catalog.repositories']({ registryId: teamId, refresh: true }, ctx);
      expect(listing.problem).toBeUndefined();
      expect(listing.repositories.map((r) => r.name)).toEqual(['team/app']);
      expect((await run.handlers['catalog.tags']({ registryId: teamId, repository: 'team/app', refresh: true }, ctx)).tags).toEqual(['v1']);
    }
    expect(proxy.requests.filter((r) => r.path === '/v2/')).toEqual([]);
    // Only the listings and tag lists themselves (the first one meets the Basic challenge, then answers it).
    expect(new Set(proxy.requests.map((r) => r.path.replace(/\?.*$/, '')))).toEqual(new Set(['/v2/_catalog', '/v2/team/app/tags/list']));
    expect(proxy.requests.filter((r) => r.status === 200).length).toBe(6);
    expect(run.changes.length).toBe(eventsBefore);
  });

  it('a password changed on the registry side turns it into "login needed" on the next listing', async () => {
    const { stdout } = await runCommand('htpasswd', ['-niB', 'alice'], { input: randomSecret() });
    await writeFile(join(registry.rootDir, 'htpasswd'), `${stdout.trim()}\n`);
    const listing = await run.handlers['catalog.repositories']({ registryId: teamId, refresh: true }, ctx);
    expect(listing.problem).toBeDefined();
    const status = await run.waitFor(teamId, 'login-needed');
    expect(status.reason).toBe("login needed: the registry refused alice's login. Log in again with a current password or token.");
  });

  it('with the password back, 300 tag reads at once make it "connected as alice" again in one event and without a check of its own', async () => {
    const { stdout } = await runCommand('htpasswd', ['-niB', 'alice'], { input: password });
    await writeFile(join(registry.rootDir, 'htpasswd'), `${stdout.trim()}\n`);
    proxy.clearRecord();
    const eventsBefore = run.changes.length;
    const reads = await Promise.all(
      Array.from({ length: 300 }, () => run.handlers['catalog.tags']({ registryId: teamId, repository: 'team/app', refresh: true }, ctx)),
    );
    expect(reads.every((listing) => listing.tags.join() === 'v1')).toBe(true);
    const status = await run.waitFor(teamId, 'connected');
    expect(status.reason).toBe(`connected as alice: ${proxy.host} accepts the login.`);
    expect(run.changes.slice(eventsBefore).map((list) => list.find((r) => r.id === teamId)?.status.state)).toEqual(['connected']);
    expect(proxy.requests.filter((r) => r.path.startsWith('/v2/team/app/tags/list') && r.status === 200).length).toBe(300);
    expect(proxy.requests.filter((r) => r.path === '/v2/')).toEqual([]);
  });

  it('a missing repository says nothing about the registry: no check, no event', async () => {
    proxy.clearRecord();
    const eventsBefore = run.changes.length;
    await expect(run.handlers['catalog.tags']({ registryId: teamId, repository: 'team/missing', refresh: true }, ctx)).rejects.toMatchObject({ code: 'not-found' });
    expect(proxy.requests.map((r) => `${r.method} ${r.path.replace(/\?.*$/, '')} ${r.status}`)).toEqual(['GET /v2/team/missing/tags/list 404']);
    expect(run.changes.length).toBe(eventsBefore);
  });

  it('a burst of refused tag reads gets one check, which finds the login good; the next burst within the quiet time gets none', async () => {
    const refusal = {
      kind: 'status' as const,
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="stevedore-test"', 'content-type': 'application/json' },
      body: '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
    };
    proxy.clearRecord();
    proxy.fault({ method: 'GET', path: /\/tags\/list/, times: 20, fault: refusal });
    const burst = () =>
      Promise.all(Array.from({ length: 10 }, () => run.handlers['catalog.tags']({ registryId: teamId, repository: 'team/app', refresh: true }, ctx).then(() => 'read', () => 'refused')));
    expect(new Set(await burst())).toEqual(new Set(['refused']));
    await expect.poll(() => proxy.requests.filter((r) => r.path === '/v2/').map((r) => r.status)).toEqual([401, 200]);
    expect((await run.waitFor(teamId, 'connected')).reason).toBe(`connected as alice: ${proxy.host} accepts the login.`);

    expect(new Set(await burst())).toEqual(new Set(['refused']));
    expect(proxy.requests.filter((r) => r.path === '/v2/').length).toBe(2);
  });

  it('a stopped registry turns "unreachable" on the next listing', async () => {
    await open.stop();
    const listing = await run.handlers['catalog.repositories']({ registryId: openId, refresh: true }, ctx);
    expect(listing.problem).toBeDefined();
    const status = await run.waitFor(openId, 'unreachable');
    expect(status.reason).toBe(`Nothing is listening at ${open.host}: is the registry running, and is the port right?`);
  }, 30_000);
});
