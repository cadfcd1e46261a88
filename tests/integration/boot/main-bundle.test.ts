import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/host/content-security-policy';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../electron/preload/channels';
import { calls } from '../../../shared/contract';
import type { FetchResult } from '../../support/electron-stand-in/boot-plan';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { bootMainBundle, makeChildHome, repoRoot, type BootRun, type ChildHome } from './boot-child-process';
import { callSamples } from './call-samples';
import { bootProblems, callsMissingTheirService, journalCalls, journalDuring, stepValue } from './checks';
import { ALLOWED_LINK, FOREIGN_SENDERS, firstStartSteps, OUTSIDE_URLS, REFUSED_LINKS } from './first-start-steps';

// The built main bundle (out/electron/main.cjs, as `npm run build` leaves it) started in a Node
// child with a recording mock of the `electron` module (tests/support/electron-stand-in): a real
// first start against a real registry and a temp data folder, then a hostile page, then quit.

const mainBundle = join(repoRoot, 'out', 'electron', 'main.cjs');
const preloadBundle = join(repoRoot, 'out', 'electron', 'preload.cjs');
const rendererDir = join(repoRoot, 'out', 'renderer');
const callNames = Object.keys(calls);

let registry: TestRegistry;
let childHome: ChildHome;
let run: BootRun;

beforeAll(async () => {
  for (const built of [mainBundle, preloadBundle, join(rendererDir, 'index.html')]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first (npm test does).`);
  }
  registry = await startRegistry();
  childHome = await makeChildHome();
  const samples = callSamples(childHome.home);
  const assetName = (await readdir(join(rendererDir, 'assets'))).find((name) => name.endsWith('.js'));
  run = await bootMainBundle({
    bundle: mainBundle,
    childHome,
    steps: firstStartSteps({
      registryHost: registry.host,
      assetPath: `/assets/${assetName ?? 'missing.js'}`,
      samples: callNames.map((name) => [name, samples[name]]),
    }),
  });
}, 120_000);

afterAll(async () => {
  await registry?.stop();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the built main bundle with a mock electron (recording stand-in)', () => {
  it('boots, runs every step and, once the window is closed, exits on its own with nothing left open', () => {
    expect(bootProblems(run)).toEqual([]);
    expect(run.report.outcome).toBe('ran');
    expect(run.report.steps.filter((step) => step.step.kind !== 'call' && !step.ok)).toEqual([]);
  });

  it('takes the single-instance lock first and waits for ready before the protocol, the session, the menu or a window', () => {
    const apis = run.report.journal.map((entry) => entry.api);
    expect(apis[0]).toBe('app.requestSingleInstanceLock');
    const ready = apis.indexOf('runtime.ready');
    expect(apis.indexOf('protocol.registerSchemesAsPrivileged')).toBeGreaterThan(-1);
    expect(apis.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(ready);
    expect(apis.indexOf('app.enableSandbox')).toBeLessThan(ready);
    for (const afterReady of ['protocol.handle', 'session.setPermissionRequestHandler', 'Menu.setApplicationMenu', 'BrowserWindow.new', 'ipcMain.handle']) {
      expect(apis.indexOf(afterReady), afterReady).toBeGreaterThan(ready);
    }
  });

  it('creates one window with the hardened options and the preload that exists in out/, and loads the app protocol URL', () => {
    const created = journalCalls(run.report, 'BrowserWindow.new');
    expect(created).toHaveLength(1);
    const [options, facts] = created[0]!.args as [{ webPreferences: Record<string, unknown>; show: boolean }, { preloadExists: boolean }];
    expect(options.webPreferences).toMatchObject({
      preload: preloadBundle,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
    expect(facts.preloadExists).toBe(true);
    expect(options.show).toBe(false);
    expect(journalCalls(run.report, 'BrowserWindow#loadURL').map((entry) => entry.args[0])).toEqual(['app://stevedore/index.html']);
    expect(journalCalls(run.report, 'runtime.did-finish-load')).toHaveLength(1);
    expect(journalCalls(run.report, 'BrowserWindow#show')).toHaveLength(1);
  });

  it('reports the start-up figures: loading the bundle, the first window load, the bundle size', async () => {
    const { requireMs, firstLoadUrlMs } = run.report;
    const bytes = (await stat(mainBundle)).size;
    console.log(`boot figures: main.cjs ${(bytes / 1024 / 1024).toFixed(2)} MiB; loading it ${requireMs} ms; load to first window loadURL ${String(firstLoadUrlMs)} ms`);
    expect(firstLoadUrlMs).toBeGreaterThanOrEqual(requireMs);
  });

  it('serves the built renderer on app:// with the one CSP', async () => {
    const csp = contentSecurityPolicy();
    const index = stepValue<FetchResult>(run.report, 'fetch-index');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(csp);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.bodySha256).toBe(sha256(await readFile(join(rendererDir, 'index.html'))));
    expect(stepValue<FetchResult>(run.report, 'fetch-root').bodySha256).toBe(index.bodySha256);
    const asset = stepValue<FetchResult>(run.report, 'fetch-asset');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['content-security-policy']).toBe(csp);
    expect(stepValue<FetchResult>(run.report, 'fetch-post').status).toBe(405);
  });

  it('refuses app:// paths outside the built renderer', () => {
    const answers = OUTSIDE_URLS.map((url) => [url, stepValue<FetchResult>(run.report, `outside:${url}`).status]);
    expect(answers).toEqual(OUTSIDE_URLS.map((url) => [url, 404]));
  });

  it('registers the one stevedore:call handler, and every call name of the contract reaches its service through it', () => {
    expect(journalCalls(run.report, 'ipcMain.handle').map((entry) => entry.args[0])).toEqual([CALL_CHANNEL]);
    const samples = callSamples(childHome.home);
    expect(callNames.filter((name) => !(name in samples)), 'add a sample input in call-samples.ts').toEqual([]);
    expect(callsMissingTheirService(run.report, callNames)).toEqual([]);
  });

  it('refuses an unknown call name', () => {
    expect(stepValue(run.report, 'unknown-call')).toEqual({ ok: false, error: { code: 'invalid-input', message: 'Unknown call "registries.explode".' } });
  });

  it('refuses a call from a frame that is not the app window’s top frame on its own origin', () => {
    for (const sender of FOREIGN_SENDERS) {
      expect(stepValue(run.report, `foreign:${sender}`), sender).toEqual({ ok: false, error: { code: 'denied', message: 'This page may not call Stevedore.' } });
    }
  });

  it('round-trips to the real services: a registry added against the temp data folder is listed, reached and announced to the window', () => {
    const before = stepValue<{ ok: boolean; value: Array<{ id: string; host: string }> }>(run.report, 'list-before');
    expect(before.ok).toBe(true);
    expect(before.value.map((view) => view.host)).not.toContain(registry.host);
    const added = stepValue<{ ok: boolean; value: { id: string; host: string; status: { state: string } } }>(run.report, 'added');
    expect(added.ok).toBe(true);
    expect(added.value).toMatchObject({ host: registry.host, status: { state: 'connected' } });
    const listed = stepValue<{ value: Array<{ id: string }> }>(run.report, 'list-after-add');
    expect(listed.value.map((view) => view.id)).toEqual([...before.value.map((view) => view.id), added.value.id]);
    expect(stepValue<{ ok: boolean }>(run.report, 'repositories')).toMatchObject({ ok: true, value: { repositories: [] } });
    const announced = journalDuring(run.report, 'added').filter((entry) => entry.api === 'webContents#send' && entry.args[0] === EVENT_CHANNEL);
    expect(announced.map((entry) => (entry.args[1] as { name: string }).name)).toContain('registries.changed');
    expect(existsSync(join(childHome.userData, 'registries.json'))).toBe(true);
  });

  it('denies navigation and new windows; only the allow-listed link goes to the OS browser', () => {
    expect(stepValue(run.report, 'navigate-same-origin')).toEqual({ prevented: false });
    expect(stepValue(run.report, 'navigate-allowed')).toEqual({ prevented: true });
    expect(stepValue(run.report, 'open-allowed')).toEqual({ action: 'deny' });
    for (const url of REFUSED_LINKS) {
      expect(stepValue(run.report, `navigate:${url}`), url).toEqual({ prevented: true });
      expect(stepValue(run.report, `open:${url}`), url).toEqual({ action: 'deny' });
    }
    expect(stepValue(run.report, 'redirect-away')).toEqual({ prevented: true });
    expect(journalCalls(run.report, 'shell.openExternal').map((entry) => entry.args[0])).toEqual([ALLOWED_LINK, ALLOWED_LINK]);
  });

  it('refuses webviews and every permission request', () => {
    expect(stepValue(run.report, 'webview')).toEqual({ prevented: true });
    expect(stepValue(run.report, 'permission-notifications')).toEqual({ requested: false, checked: false });
    expect(stepValue(run.report, 'permission-media')).toEqual({ requested: false, checked: false });
  });

  it('a second instance restores and focuses the first window instead of opening another', () => {
    expect(stepValue(run.report, 'second-instance')).toEqual({ windows: 1, minimized: false });
    const during = journalDuring(run.report, 'second-instance').map((entry) => entry.api);
    expect(during).toEqual(expect.arrayContaining(['BrowserWindow#restore', 'BrowserWindow#focus']));
    expect(during).not.toContain('BrowserWindow.new');
  });

  it('closing the window quits the app, unregisters IPC and saves the window position', () => {
    const during = journalDuring(run.report, 'close').map((entry) => entry.api);
    expect(during).toEqual(expect.arrayContaining(['ipcMain.removeHandler', 'ipcMain.removeListener', 'app.quit']));
    expect(existsSync(join(childHome.userData, 'window-state.json'))).toBe(true);
  });
});

describe('a second launch of the built main bundle with a mock electron (lock held elsewhere)', () => {
  it('quits at once without waiting for ready or opening a window, and exits on its own', async () => {
    const second = await bootMainBundle({ bundle: mainBundle, childHome: await makeChildHome(), steps: [], standIn: { singleInstanceLock: false } });
    expect(bootProblems(second)).toEqual([]);
    expect(second.report.outcome).toBe('quit-before-ready');
    expect(second.report.journal.map((entry) => entry.api)).toEqual(['app.requestSingleInstanceLock', 'app.quit']);
  }, 60_000);
});
