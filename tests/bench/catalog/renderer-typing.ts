import { basename } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startFaultProxy } from '../../support/fault-proxy';
import { startWebHostProcess } from '../../e2e/web-host-process';
import { catalogPage, manyNames } from './catalog-pages';
import { figuresOf, installKeystrokeProbes, type KeystrokeFigures } from './keystroke-timing';

export interface TypingReport {
  rows: number;
  query: string;
  typed: KeystrokeFigures[];
  deleted: KeystrokeFigures[];
  /** Per keystroke (typed, then deleted): WebSocket messages from the host (events, call answers) while it was measured. */
  hostMessages: number[];
  /** Event Timing entries (keydown/input) of 16 ms or more that Chromium reported. */
  slowEvents: Array<{ name: string; duration: number }>;
  loadMs: number;
  /** The built renderer served (`STEVEDORE_RENDERER_DIR`), when not the app's own out/renderer. */
  rendererDir?: string;
}

const QUERY = 'repo-04242';
/** A typist's pace: each key is measured on its own, not queued behind the previous one. */
const KEY_GAP_MS = 120;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** `STEVEDORE_BENCH_TRACE=<prefix>`: a Chromium trace of the keystrokes (timeline and sampled JS), for chrome://tracing or Perfetto. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler'];
const SEARCH = 'input[type="search"][aria-label="Search repositories"]';

/**
 * The built web host in real Chromium, its catalog holding `rows` repositories: the real registry
 * behind a proxy whose `_catalog` lists `rows` names (the seeded ones first, the rest names only).
 * Types a query into the search box key by key, then deletes it key by key, timing each keystroke.
 * `rendererDir` serves another build of the renderer (an A/B against the same host and registry).
 */
export async function measureTyping(registry: { url: string }, rows: number, rendererDir?: string): Promise<TypingReport> {
  const proxy = await startFaultProxy({ upstream: registry.url });
  const names = manyNames(rows);
  proxy.fault({
    method: 'GET',
    path: /^\/v2\/_catalog/,
    times: Infinity,
    fault: {
      kind: 'rewrite',
      transform: (response) => {
        const page = catalogPage(names, response.request.path);
        const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
        if (page.link) headers.link = page.link;
        return { ...response, status: 200, headers, body: Buffer.from(JSON.stringify(page.body)) };
      },
    },
  });
  const host = await startWebHostProcess(rendererDir ? { env: { STEVEDORE_RENDERER_DIR: rendererDir } } : {});
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const frames = { received: 0 };
    page.on('websocket', (socket) => socket.on('framereceived', () => (frames.received += 1)));
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Registries' }).getByRole('button', { name: 'Add registry' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add registry' });
    await dialog.getByRole('textbox', { name: 'Address' }).fill(proxy.host);
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('Bench');
    const started = performance.now();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await waitForRows(page, rows);
    const loadMs = performance.now() - started;
    // Let the first screen's summaries arrive, so they do not land in the middle of a keystroke.
    await page.waitForTimeout(3000);
    await page.evaluate(installKeystrokeProbes, SEARCH);
    await page.locator(SEARCH).click();
    const tracePath = traceFile(rendererDir);
    if (tracePath) await browser.startTracing(page, { path: tracePath, screenshots: false, categories: TRACE_CATEGORIES });
    const hostMessages: number[] = [];
    const typed = await keystrokes(page, [...QUERY], frames, hostMessages);
    const deleted = await keystrokes(page, [...QUERY].map(() => 'Backspace'), frames, hostMessages);
    if (tracePath) await browser.stopTracing();
    await waitForRows(page, rows);
    const slowEvents = await page.evaluate(() => window.__benchEventTiming ?? []);
    return { rows, query: QUERY, typed, deleted, hostMessages, slowEvents, loadMs, ...(rendererDir ? { rendererDir } : {}) };
  } finally {
    await browser.close();
    await host.stop();
    await proxy.stop();
  }
}

/** `STEVEDORE_BENCH_TRACE=/tmp/t` writes `/tmp/t-<renderer folder name>.json`, one per run. */
function traceFile(rendererDir: string | undefined): string | undefined {
  const prefix = process.env.STEVEDORE_BENCH_TRACE;
  if (!prefix) return undefined;
  return `${prefix}-${rendererDir ? basename(rendererDir) : 'out'}.json`;
}

async function keystrokes(page: Page, keys: string[], frames: { received: number }, hostMessages: number[]): Promise<KeystrokeFigures[]> {
  const before = await page.evaluate(() => window.__benchKeys?.length ?? 0);
  for (const [index, key] of keys.entries()) {
    const seen = frames.received;
    await page.keyboard.press(key);
    await page.waitForFunction((want) => (window.__benchKeys?.length ?? 0) >= want, before + index + 1);
    hostMessages.push(frames.received - seen);
    await page.waitForTimeout(KEY_GAP_MS);
  }
  const samples = await page.evaluate(() => window.__benchKeys ?? []);
  return samples.slice(before).map(figuresOf);
}

/** Waits until the list's status line counts `rows` repositories (the whole listing is in). */
async function waitForRows(page: Page, rows: number): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const text = document.querySelector('main p.count[role="status"]')?.textContent ?? '';
      return new RegExp(`^\\s*${want}\\s+repositor`).test(text.replace(/[,.\u00a0\u202f\s](?=\d{3})/g, '')) && !text.includes('loading');
    },
    rows,
    { timeout: 180_000 },
  );
}
