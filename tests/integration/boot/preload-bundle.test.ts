import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bridge, Envelope } from '../../../shared/contract';
import { CALL_CHANNEL, DROPPED_CHANNEL, EVENT_CHANNEL } from '../../../electron/preload/channels';
import { runPreloadInSandbox, type PreloadRun } from '../../support/electron-stand-in/preload-sandbox';
import { repoRoot } from './boot-child-process';
import { preloadProblems } from './preload-checks';

// The built preload (out/electron/preload.cjs) evaluated as Electron runs a sandboxed preload:
// a vm context whose require offers only a recording mock of `electron` (contextBridge,
// ipcRenderer, webUtils), no Node modules, no __dirname.

const preloadBundle = join(repoRoot, 'out', 'electron', 'preload.cjs');
let run: PreloadRun;
let bridge: Bridge;

beforeAll(async () => {
  if (!existsSync(preloadBundle)) throw new Error(`${preloadBundle} is missing: run \`npm run build\` first (npm test does).`);
  run = await runPreloadInSandbox(preloadBundle);
  bridge = run.exposed.get('stevedore') as Bridge;
});

describe('the built preload in a sandbox with a mock electron (recording stand-in)', () => {
  it('loads with only require("electron") and exposes exactly the Bridge (call, on, pathForFile) as window.stevedore', () => {
    expect(preloadProblems(run)).toEqual([]);
    expect(run.journal.calls('contextBridge.exposeInMainWorld')).toHaveLength(1);
  });

  it('call goes to main over the one invoke channel and hands back main’s envelope as-is', async () => {
    const answer: Envelope<unknown> = { ok: true, value: [{ id: 'r1' }] };
    run.answer = () => answer;
    await expect(bridge.call('registries.list', {})).resolves.toEqual(answer);
    expect(run.journal.calls('ipcRenderer.invoke').at(-1)?.args).toEqual([CALL_CHANNEL, 'registries.list', {}]);
  });

  it('call turns a failure of IPC itself into an error envelope instead of throwing into the page', async () => {
    run.answer = () => Promise.reject(new Error('window closing'));
    const answer = await bridge.call('app.info', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('on delivers main’s events by name and its undo stops them', () => {
    const seen: unknown[] = [];
    const stop = bridge.on('registries.changed', (payload) => seen.push(payload));
    run.fromMain(EVENT_CHANNEL, { name: 'registries.changed', payload: ['first'] });
    run.fromMain(EVENT_CHANNEL, { name: 'transfers.changed', payload: ['not for this listener'] });
    stop();
    run.fromMain(EVENT_CHANNEL, { name: 'registries.changed', payload: ['after stop'] });
    expect(seen).toEqual([['first']]);
  });

  it('forwards the OS paths of a drop to main, skipping in-page items that have none', () => {
    const files = [{ name: 'chart.tgz', path: '/home/user/chart.tgz' }, { name: 'in-page.txt' }, { name: 'docs', path: '/home/user/docs' }];
    run.dispatch('drop', { dataTransfer: { files } });
    expect(run.journal.calls('ipcRenderer.send').at(-1)?.args).toEqual([DROPPED_CHANNEL, ['/home/user/chart.tgz', '/home/user/docs']]);
    const sends = run.journal.calls('ipcRenderer.send').length;
    run.dispatch('drop', { dataTransfer: { files: [{ name: 'in-page.txt' }] } });
    run.dispatch('drop', { dataTransfer: null });
    expect(run.journal.calls('ipcRenderer.send')).toHaveLength(sends);
  });

  it('pathForFile answers through webUtils', () => {
    expect(bridge.pathForFile?.({ name: 'a.txt', path: '/tmp/a.txt' } as { name: string })).toBe('/tmp/a.txt');
  });
});
