// The catalog suite of `npm run bench`: a seeded registry opened cold and warm by Stevedore's
// catalog service against a bare undici floor, and search typing in the renderer with many rows.
import { execFileSync, spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TRANSFER_LIMITS } from '../../../electron/catalog/catalog-scheduler';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry } from '../../support/registry';
import { seedManyRepositories } from '../../support/seed';
import { markdownTable, textTable } from '../report';
import type { CatalogJob } from './catalog-child';
import { catalogCells, FRAME_BUDGET_MS, keystrokeCells, requestCells, summariseKeystrokes, typingRunCells, type CatalogFigures } from './catalog-report';
import type { FloorReport } from './floor';
import { measureTyping, type TypingReport } from './renderer-typing';
import type { OpenReport } from './stevedore-open';
import { UI_BATCH } from '../catalog-open';
import type { CatalogOptions } from './suites';
import { writeResults } from '../results-file';

const CHILD_TIMEOUT_MS = 20 * 60 * 1000;

export async function runCatalogSuite(options: CatalogOptions): Promise<void> {
  if (options.only === 'typing') return runTypingOnly(options);
  const registry = await startRegistry();
  const dataDir = await makeTempDir('bench-catalog');
  try {
    const { repositories, tagsPerRepository } = options;
    log(`catalog: seeding ${repositories} repositories × ${tagsPerRepository} tags into ${registry.host}`);
    let started = performance.now();
    const seeded = await seedManyRepositories(registry, { repositories, tagsPerRepository });
    const seedMs = performance.now() - started;
    log(`catalog: seeded ${seeded.manifestCount} manifests in ${(seedMs / 1000).toFixed(1)} s (${seeded.mounted} blobs mounted)`);

    const job = { url: registry.url, host: registry.host };
    execFileSync('sync');
    log('catalog: floor (bare undici)');
    const floor = await runChild<FloorReport>({ kind: 'floor', url: registry.url, concurrency: TRANSFER_LIMITS.maxPerHost });
    check(floor.manifests === seeded.manifestCount, `the floor read ${floor.manifests} manifests, not ${seeded.manifestCount}`);
    execFileSync('sync');
    log('catalog: Stevedore, cold (fresh data dir)');
    const cold = await runChild<OpenReport>({ kind: 'stevedore', ...job, dataDir });
    checkOpen(cold, repositories, seeded.manifestCount);
    execFileSync('sync');
    log('catalog: Stevedore, warm (new process, same data dir)');
    const warm = await runChild<OpenReport>({ kind: 'stevedore', ...job, dataDir });
    checkOpen(warm, repositories, seeded.manifestCount);

    log(`catalog: renderer, ${options.rows} rows, typing in the search box`);
    started = performance.now();
    const typing = await measureTyping(registry, options.rows);
    log(`catalog: renderer measured in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const figures: CatalogFigures = {
      artifacts: seeded.manifestCount,
      repositories,
      coldMs: cold.ms,
      floorMs: floor.ms,
      warmMs: warm.ms,
      typing: { rows: typing.rows, keys: [...typing.typed, ...typing.deleted] },
    };
    const floorCounts = { 'GET _catalog': Math.ceil(repositories / 1000), 'GET tags/list': repositories, 'GET manifest': floor.manifests };
    const requests = requestCells([
      { name: 'Stevedore cold', counts: cold.requests },
      { name: 'Stevedore warm', counts: warm.requests },
      { name: 'floor', counts: floorCounts },
    ]);
    const cells = catalogCells(figures);
    process.stdout.write(`\n${textTable(cells)}\n\n${textTable(requests)}\n\n`);
    const outFile = resolve(options.outFile);
    await mkdir(dirname(outFile), { recursive: true });
    await writeResults(outFile, markdown(options, { seedMs, cold, warm, floor, typing }, markdownTable(cells), markdownTable(requests)));
    log(`written to ${options.outFile}`);
  } finally {
    await registry.stop();
    await removeTempDir(dataDir);
  }
}

/**
 * `--only typing`: seed, then measure the renderer's search typing `typingRuns` times against that
 * one registry, taking the `--renderer-dir` builds in turn (A, B, A, B…) so both see the same noise.
 */
async function runTypingOnly(options: CatalogOptions): Promise<void> {
  const registry = await startRegistry();
  try {
    log(`catalog: seeding ${options.repositories} repositories × ${options.tagsPerRepository} tags into ${registry.host}`);
    await seedManyRepositories(registry, { repositories: options.repositories, tagsPerRepository: options.tagsPerRepository });
    const dirs = options.rendererDirs.length > 0 ? options.rendererDirs : [undefined];
    const reports: TypingReport[] = [];
    for (let run = 0; run < options.typingRuns; run += 1) {
      const dir = dirs[run % dirs.length];
      log(`catalog: typing run ${run + 1} of ${options.typingRuns}, ${options.rows} rows, renderer ${dir ?? 'out/renderer'}`);
      reports.push(await measureTyping(registry, options.rows, dir));
    }
    const runs = reports.map((r) => ({ renderer: r.rendererDir ?? 'out/renderer', keys: [...r.typed, ...r.deleted] }));
    const cells = typingRunCells(runs);
    process.stdout.write(`\n${textTable(cells)}\n\n`);
    const outFile = resolve(options.outFile);
    await mkdir(dirname(outFile), { recursive: true });
    await writeResults(outFile, typingMarkdown(options, reports, markdownTable(cells)));
    log(`written to ${options.outFile}`);
  } finally {
    await registry.stop();
  }
}

function typingMarkdown(options: CatalogOptions, reports: readonly TypingReport[], table: string): string {
  const head = [
    '# Catalog benchmark: search typing only',
    '',
    `Generated by \`npm run bench -- --suite catalog --only typing --repositories ${options.repositories} --tags ${options.tagsPerRepository} --rows ${options.rows} --typing-runs ${options.typingRuns}\` on ${new Date().toISOString().slice(0, 10)}.`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end. The query \`${reports[0]?.query ?? ''}\` typed key by key, then deleted with Backspace; ${options.rows.toLocaleString('en')} rows (the first ${options.repositories.toLocaleString('en')} seeded).`,
    '',
    table,
  ];
  const runs = reports.map((r, index) => [
    '',
    `## Run ${index + 1}: ${r.rendererDir ?? 'out/renderer'} (list in after ${(r.loadMs / 1000).toFixed(2)} s)`,
    '',
    markdownTable(keystrokeCells([...r.typed, ...r.deleted], r.hostMessages)),
  ]);
  return [...head, ...runs.flat(), ''].join('\n');
}

function checkOpen(open: OpenReport, repositories: number, artifacts: number): void {
  check(open.summaries === repositories, `Stevedore summarised ${open.summaries} of ${repositories} repositories`);
  check(open.tags === artifacts, `Stevedore counted ${open.tags} tags, not ${artifacts}`);
  check(open.problems.length === 0, `Stevedore reported problems: ${open.problems.join('; ')}`);
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(`catalog bench: ${message}`);
}

function runChild<T>(job: CatalogJob): Promise<T> {
  const childPath = fileURLToPath(new URL('./catalog-child.mjs', import.meta.url));
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', childPath, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'], timeout: CHILD_TIMEOUT_MS });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString('utf8')).slice(-4000)));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code !== 0) return reject(new Error(`catalog ${job.kind} job failed (${signal ?? `exit ${String(code)}`}): ${err.trim()}`));
      resolvePromise(JSON.parse(out.trim().split('\n').pop() ?? '') as T);
    });
  });
}

interface Details {
  seedMs: number;
  cold: OpenReport;
  warm: OpenReport;
  floor: FloorReport;
  typing: TypingReport;
}

function markdown(options: CatalogOptions, d: Details, table: string, requests: string): string {
  const typed = summariseKeystrokes(d.typing.typed);
  const deleted = summariseKeystrokes(d.typing.deleted);
  const kinds = Object.entries(d.cold.kinds).map(([kind, n]) => `${kind} ${n.toLocaleString('en')}`).join(', ');
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const slow = d.typing.slowEvents;
  return [
    '# Catalog benchmark',
    '',
    `Generated by \`npm run bench -- --suite catalog --repositories ${options.repositories} --tags ${options.tagsPerRepository} --rows ${options.rows}\` on ${new Date().toISOString().slice(0, 10)}.`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, docker-registry (Distribution 2.8) on loopback, anonymous, Debian's Chromium headless.`,
    'One run; a figure from a busy machine is not final (another benchmark may share the 2 cores).',
    '',
    table,
    '',
    requests,
    '',
    '## What ran',
    '',
    `- Setup (not measured against anything): a fresh registry seeded by \`seedManyRepositories\` with ${options.repositories.toLocaleString('en')} repositories × ${options.tagsPerRepository} tags in ${s(d.seedMs)} (kinds rotate image, Helm chart, Wasm, Other; blobs mounted, one small manifest PUT per tag).`,
    `- **Stevedore cold**: a fresh Node process, \`createCatalogService\` over an empty data dir (the app's own dispatcher, only counted), \`catalog.repositories\` (listed in ${s(d.cold.listMs)}), then \`catalog.summarise\` for every repository in batches of ${UI_BATCH} (the renderer's batcher size), until a \`catalog.summaries\` event has arrived for each. Counted: ${kinds}; ${d.cold.manifestFetches.toLocaleString('en')} manifest GETs.`,
    `- **Floor**: a fresh Node process with bare undici (one Agent, ${TRANSFER_LIMITS.maxPerHost} connections): \`_catalog\` pages of 1000 one after another (${s(d.floor.listMs)}), then ${TRANSFER_LIMITS.maxPerHost} workers (Stevedore's per-registry limit, \`TRANSFER_LIMITS.maxPerHost\`; the global limit is ${TRANSFER_LIMITS.maxConcurrent}) each doing \`tags/list\` and one manifest GET per tag, bodies read and parsed. It does no HEAD, no classification and no disk cache.`,
    `- **Stevedore warm**: a second fresh process on the same data dir, the same calls without \`refresh\` (what the UI's second open sends). Manifest GETs: ${d.warm.manifestFetches.toLocaleString('en')}.`,
    `- **Renderer**: the built web host (\`out/web/web.mjs\`, fresh data dir) in Chromium via playwright-core; the registry is added through the UI behind \`tests/support/fault-proxy.ts\`, whose \`_catalog\` answer is rewritten to list ${d.typing.rows.toLocaleString('en')} names (the ${options.repositories.toLocaleString('en')} seeded ones first, paged as Distribution pages). The list was in after ${s(d.typing.loadMs)}. The query \`${d.typing.query}\` is typed key by key (real key events, ${120} ms apart) and then deleted with Backspace key by key. Per keystroke, in the page: keydown's timestamp → after the next paint (rAF, then a posted message) = *key → next paint*; input handlers + Svelte's microtask flush + that frame's rendering = *main-thread work*.`,
    `  - typing: key → next paint median ${ms(typed.keyToPaint.median)}, worst ${ms(typed.keyToPaint.worst)}; work median ${ms(typed.work.median)}, worst ${ms(typed.work.worst)}.`,
    `  - deleting: key → next paint median ${ms(deleted.keyToPaint.median)}, worst ${ms(deleted.keyToPaint.worst)}; work median ${ms(deleted.work.median)}, worst ${ms(deleted.work.worst)}.`,
    `  - Chromium's Event Timing (entries ≥ 16 ms, 8 ms granularity): ${slow.length === 0 ? 'none' : slow.map((e) => `${e.name} ${e.duration} ms`).join(', ')}.`,
    `  - Key → next paint includes waiting for the next frame (up to ${FRAME_BUDGET_MS.toFixed(1)} ms at 60 Hz) even with no work at all; the work figure is what has to fit in the frame.`,
    '',
    '## Every keystroke',
    '',
    markdownTable(keystrokeCells([...d.typing.typed, ...d.typing.deleted], d.typing.hostMessages)),
    '',
  ].join('\n');
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
