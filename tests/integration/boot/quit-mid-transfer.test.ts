import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { bootMainBundle, makeChildHome, repoRoot, type BootRun, type ChildHome } from './boot-child-process';
import { bootProblems, journalCalls, journalDuring, stepValue } from './checks';

// Quitting while a publish is uploading, through the built main bundle with a recording mock of
// `electron`: the app must cancel the transfer and clean up before it lets the quit go on (real
// Electron ends the process right after `quit`, whatever is still running).

const mainBundle = join(repoRoot, 'out', 'electron', 'main.cjs');
const REPOSITORY = 'boot/interrupted';

let registry: TestRegistry;
let proxy: FaultProxy;
let childHome: ChildHome;
let run: BootRun;

beforeAll(async () => {
  if (!existsSync(mainBundle)) throw new Error(`${mainBundle} is missing: run \`npm run build\` first (npm test does).`);
  registry = await startRegistry();
  proxy = await startFaultProxy({ upstream: registry.url });
  // Every upload is held long enough that the user quits in the middle of it.
  proxy.fault({ method: 'POST', path: /\/blobs\/uploads\//, times: Infinity, fault: { kind: 'delay', ms: 30_000 } });
  childHome = await makeChildHome();
  const file = join(childHome.home, 'payload.txt');
  await writeFile(file, 'on its way when the user quits\n');
  run = await bootMainBundle({
    bundle: mainBundle,
    childHome,
    steps: [
      { label: 'added', kind: 'call', name: 'registries.add', input: { url: proxy.host } },
      { kind: 'drop', paths: [file] },
      { label: 'draft', kind: 'call', name: 'publish.open', input: { sources: [{ type: 'path', path: file }] } },
      {
        label: 'started',
        kind: 'call',
        name: 'publish.start',
        input: { draftId: '{{draft.value.draftId}}', registryId: '{{added.value.id}}', repository: REPOSITORY, tags: ['v1'], kind: 'files', created: { mode: 'off' } },
      },
      // The push is under way (its first upload is held at the proxy) when the user quits.
      { label: 'running', kind: 'call', name: 'transfers.list', input: {}, until: { path: 'value.0.state', equals: 'running', withinMs: 15_000 } },
      { kind: 'pause', ms: 300 },
      { label: 'close', kind: 'close-window' },
    ],
  });
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
});

describe('quitting the built main bundle mid-publish with a mock electron (recording stand-in)', () => {
  it('quits only after the services closed: the upload is cancelled and the process ends on its own', () => {
    expect(bootProblems(run)).toEqual([]);
    expect(stepValue<{ ok: boolean }>(run.report, 'started').ok).toBe(true);
    expect(stepValue<{ value: Array<{ state: string }> }>(run.report, 'running').value.map((transfer) => transfer.state)).toEqual(['running']);
    // The first quit waits for the services (will-quit is held), the second one goes through.
    expect(journalDuring(run.report, 'close').filter((entry) => entry.api === 'app.quit').length).toBeGreaterThanOrEqual(1);
    expect(journalCalls(run.report, 'app.quit')).toHaveLength(2);
    expect(journalCalls(run.report, 'Notification#show')).toEqual([]);
  });

  it('publishes nothing and leaves no publish work files in the data folder', async () => {
    const tags = await fetch(`${registry.url}/v2/${REPOSITORY}/tags/list`);
    expect(tags.status).toBe(404);
    const work = join(childHome.userData, 'publish-work');
    expect(existsSync(work) ? await readdir(work) : []).toEqual([]);
  });
});
