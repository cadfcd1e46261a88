import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { ctx, startRun, type StatusRun } from './status-env';

// The start-up check over several saved registries at once, some of them gone: each ends with its
// own true status, in the background, and Local is never checked. No keychain needed: no logins.

const DEAD = 5;
let open: TestRegistry;
let dataDir: string;
let run: StatusRun | undefined;
let openId = '';
const dead: Array<{ id: string; host: string }> = [];

beforeAll(async () => {
  open = await startRegistry({ auth: 'none' });
  dataDir = await makeTempDir('status-startup');
  const first = await startRun(dataDir);
  try {
    openId = (await first.handlers['registries.add']({ url: open.host }, ctx)).id;
    for (let i = 0; i < DEAD; i += 1) {
      const host = `127.0.0.1:${await freePort()}`;
      dead.push({ id: (await first.handlers['registries.add']({ url: host }, ctx)).id, host });
    }
  } finally {
    await first.close();
  }
}, 60_000);

afterAll(async () => {
  await run?.close();
  await open?.stop();
  if (dataDir) await removeTempDir(dataDir);
});

describe('the start-up check of every saved registry', () => {
  it('answers at once with the saved list, then reports each registry checked: the live one connected, the gone ones unreachable', async () => {
    run = await startRun(dataDir);
    const listed = await run.handlers['registries.list']({}, ctx);
    expect(listed.map((r) => r.id)).toEqual(['local', openId, ...dead.map((d) => d.id)]);

    expect((await run.waitFor(openId, 'connected')).reason).toBe(`${open.host} answers and allows anonymous access.`);
    for (const { id, host } of dead) {
      expect((await run.waitFor(id, 'unreachable')).reason).toBe(`Nothing is listening at ${host}: is the registry running, and is the port right?`);
    }
    // Every status came in the events; none was left "not checked".
    const last = run.changes.at(-1)!;
    expect(last.filter((r) => r.id !== 'local').map((r) => r.status.state).sort()).toEqual(['connected', ...Array<string>(DEAD).fill('unreachable')]);
    expect(run.changes.flat().some((r) => r.id !== 'local' && r.status.state === 'unknown' && r.status.reason !== undefined)).toBe(false);
  });

  it('never checks Local: its status is the built-in one, with no check time', async () => {
    const local = (await run!.handlers['registries.list']({}, ctx)).find((r) => r.id === 'local');
    expect(local?.status.state).toBe('connected');
    expect(local?.status.checkedAt).toBeUndefined();
  });
});
