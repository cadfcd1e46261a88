import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { writeOciLayout, writeRandomFile, type BlobFile } from '../fixtures';
import { commandOutput } from '../measure';
import { curlPushPatch, skopeoPush, type SkopeoEnv } from '../peers';
import { markdownTable, tableCells, textTable, type MemoryRow, type SpeedRow } from '../report';
import { inRotation } from '../rotation';
import { median } from '../stats';
import type { PublishKind } from '../../../shared/contract';
import type { PublishChildReport } from './publish-child';
import type { PublishDropJob } from './publish-drop';
import { writeSmallTree } from './publish-fixtures';
import { tarCurlUpload } from './publish-peers';
import { publishThroughWebHost, type WebPublishTimes } from './publish-web';
import { buildWebHost } from './web-host-session';
import { folderRunTable, loadNow, webRunTable, type FolderRun, type WebRun } from './run-tables';
import { PUBLISH_ROWS, type PublishBenchOptions, type PublishRow } from './publish-options';
import { writeResults } from '../results-file';

const MiB = 1024 * 1024;
const TAG = 'bench';
const MEMORY_LIMIT = 150 * MiB;

type Sample =
  | 'big.push' | 'big.total' | 'big.skopeo' | 'big.ceiling'
  | 'folder.total' | 'folder.push' | 'folder.tar-curl'
  | 'layers.push' | 'layers.total' | 'layers.skopeo'
  | 'web.upload' | 'web.prepare' | 'web.push' | 'web.total' | 'web.electron';

class Samples {
  readonly ms = new Map<Sample, number[]>();
  readonly reports: PublishChildReport[] = [];
  readonly webReports: WebPublishTimes[] = [];
  /** Compressed folder sizes: Stevedore's layer and GNU tar's archive, per run. */
  readonly folderBytes: { stevedore: number[]; gnu: number[] } = { stevedore: [], gnu: [] };
  readonly folderRuns: FolderRun[] = [];
  readonly webRuns: WebRun[] = [];
  add(sample: Sample, ms: number): void {
    this.ms.set(sample, [...(this.ms.get(sample) ?? []), ms]);
    // every time as it comes: a long run that dies late still leaves its numbers in the log
    log(`  ${sample}: ${(ms / 1000).toFixed(2)} s (load ${loadavg()[0]?.toFixed(1) ?? '?'})`);
  }
  median(sample: Sample): number {
    return median(this.ms.get(sample) ?? []);
  }
}

/**
 * `npm run bench -- --suite publish`: publishing as a drop does it (publish.open → preview → start →
 * the transfer queue's push job), side by side with skopeo, curl and tar against a fresh registry.
 */
export async function runPublishSuite(options: PublishBenchOptions): Promise<void> {
  const work = await makeTempDir('bench-publish');
  const samples = new Samples();
  const began = { at: new Date(), load: loadNow() };
  try {
    log(`publish bench: ${options.runs} run(s), ${options.sizeMiB} MiB file, ${options.files} small files; work dir ${work}`);
    const wants = (row: PublishRow) => options.rows.includes(row);
    const big = await writeRandomFile(join(work, 'big.bin'), wants('big') || wants('web') ? options.sizeMiB * MiB : 1);
    const bigLayout = await writeOciLayout(join(work, 'big-layout'), TAG, [big]);
    const tree = join(work, 'tree');
    const small = await writeSmallTree(tree, options.files);
    const smallLayout = await writeOciLayout(join(work, 'small-layout'), TAG, small);
    const skopeo: SkopeoEnv = { home: join(work, 'skopeo-home') };
    await mkdir(skopeo.home);
    const webEntry = wants('web') ? await buildWebHost(join(work, 'web-host', 'web.mjs')) : undefined;
    for (let run = 1; run <= options.runs; run += 1) {
      const registry = await startRegistry();
      try {
        if (wants('big')) await bigRun(run, registry, big, bigLayout.dir, skopeo, work, samples);
        if (wants('folder')) await folderRun(run, registry, tree, work, samples);
        if (wants('layers')) await layersRun(run, registry, small, smallLayout.dir, skopeo, work, samples);
        if (webEntry) await webRun(run, registry, big, work, webEntry, samples);
      } finally {
        await registry.stop();
      }
    }
    const smallBytes = small.reduce((sum, file) => sum + file.size, 0);
    await publishResults(options, rows(options, samples, big.size, smallBytes), [when(began), ...sizeNotes(samples), ...folderRunTable(samples.folderRuns), ...webRunTable(samples.webRuns)]);
  } finally {
    await removeTempDir(work);
  }
}

async function bigRun(run: number, registry: TestRegistry, big: BlobFile, layout: string, skopeo: SkopeoEnv, work: string, samples: Samples): Promise<void> {
  const repo = (who: string) => `publish-big/${who}-${run}`;
  await inRotation(run, `run ${run}: publish ${(big.size / MiB).toFixed(0)} MiB`, [
    async () => {
      const report = await drop(registry, repo('stevedore'), 'files', [big.path], work);
      samples.add('big.push', report.pushMs);
      samples.add('big.total', report.prepareMs + report.pushMs);
      samples.reports.push(report);
    },
    async () => samples.add('big.skopeo', await skopeoPush(skopeo, layout, TAG, registry.host, repo('skopeo'))),
    async () => samples.add('big.ceiling', await curlPushPatch(registry.url, repo('curl'), big)),
  ]);
}

async function folderRun(run: number, registry: TestRegistry, tree: string, work: string, samples: Samples): Promise<void> {
  const repo = (who: string) => `publish-folder/${who}-${run}`;
  const scratch = join(work, 'tar-scratch');
  let ours: PublishChildReport | undefined;
  let peerMs = 0;
  await inRotation(run, `run ${run}: publish a folder (one tar+gzip layer)`, [
    async () => {
      const report = await drop(registry, repo('stevedore'), 'folder', [tree], work);
      ours = report;
      samples.add('folder.total', report.prepareMs + report.pushMs);
      samples.add('folder.push', report.pushMs);
      samples.folderBytes.stevedore.push(report.layerBytes);
    },
    async () => {
      await mkdir(scratch, { recursive: true });
      const peer = await tarCurlUpload(registry.url, repo('tar-curl'), tree, scratch);
      samples.add('folder.tar-curl', peer.ms);
      peerMs = peer.ms;
      samples.folderBytes.gnu.push(peer.archiveBytes);
      log(`  tar -czf archive: ${peer.archiveBytes} bytes`);
      await rm(scratch, { recursive: true, force: true });
    },
  ]);
  if (ours) samples.folderRuns.push({ openMs: ours.openMs, prepareMs: ours.prepareMs, pushMs: ours.pushMs, peerMs, load: loadNow() });
}

async function layersRun(run: number, registry: TestRegistry, small: BlobFile[], layout: string, skopeo: SkopeoEnv, work: string, samples: Samples): Promise<void> {
  const repo = (who: string) => `publish-layers/${who}-${run}`;
  await inRotation(run, `run ${run}: publish ${small.length} files as layers`, [
    async () => {
      const report = await drop(registry, repo('stevedore'), 'files', small.map((file) => file.path), work);
      samples.add('layers.push', report.pushMs);
      samples.add('layers.total', report.prepareMs + report.pushMs);
    },
    async () => samples.add('layers.skopeo', await skopeoPush(skopeo, layout, TAG, registry.host, repo('skopeo'))),
  ]);
}

async function webRun(run: number, registry: TestRegistry, big: BlobFile, work: string, webEntry: string, samples: Samples): Promise<void> {
  const repo = (who: string) => `publish-web/${who}-${run}`;
  let electron: PublishChildReport | undefined;
  let web: WebPublishTimes | undefined;
  await inRotation(run, `run ${run}: publish ${(big.size / MiB).toFixed(0)} MiB, web mode beside the Electron path`, [
    async () => {
      const report = await drop(registry, repo('electron'), 'files', [big.path], work);
      electron = report;
      samples.add('web.electron', report.prepareMs + report.pushMs);
    },
    async () => {
      const home = join(work, `web-home-${run}`);
      await mkdir(home, { recursive: true });
      try {
        const report = await publishThroughWebHost(home, registry.url, repo('web'), TAG, big.path, webEntry);
        log(`  web host: upload ${(report.uploadMs / 1000).toFixed(2)} s, prepare ${(report.prepareMs / 1000).toFixed(2)} s, push ${(report.pushMs / 1000).toFixed(2)} s, peak RSS ${(report.peakRssBytes / MiB).toFixed(0)} MiB (${report.check})`);
        samples.add('web.upload', report.uploadMs);
        samples.add('web.prepare', report.prepareMs);
        samples.add('web.push', report.pushMs);
        samples.add('web.total', report.uploadMs + report.prepareMs + report.pushMs);
        samples.webReports.push(report);
        web = report;
      } finally {
        await rm(home, { recursive: true, force: true });
      }
    },
  ]);
  if (electron && web) samples.webRuns.push({ uploadMs: web.uploadMs, prepareMs: web.prepareMs, pushMs: web.pushMs, electronPrepareMs: electron.prepareMs, electronPushMs: electron.pushMs, peakRssBytes: web.peakRssBytes, load: loadNow() });
}

/** One publish in a fresh child process (its own data folder), as a drop runs it. */
async function drop(registry: TestRegistry, repository: string, kind: PublishKind, paths: string[], work: string): Promise<PublishChildReport> {
  const dataDir = join(work, `app-data-${repository.replace(/\W/g, '-')}`);
  await mkdir(dataDir, { recursive: true });
  const job: PublishDropJob = { baseUrl: registry.url, repository, tag: TAG, kind, paths, dataDir };
  try {
    const childPath = fileURLToPath(new URL('./publish-child.mjs', import.meta.url));
    const stdout = await commandOutput(process.execPath, [childPath, JSON.stringify(job)]);
    const report = JSON.parse(stdout.trim().split('\n').pop() ?? '') as PublishChildReport;
    log(`  stevedore ${kind}: prepare ${(report.prepareMs / 1000).toFixed(2)} s (open ${(report.openMs / 1000).toFixed(2)} s), push ${(report.pushMs / 1000).toFixed(2)} s (${report.check})`);
    return report;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function rows(options: PublishBenchOptions, samples: Samples, bigBytes: number, smallBytes: number): { speed: SpeedRow[]; memory: MemoryRow[] } {
  const size = `${options.sizeMiB} MiB`;
  const speed: SpeedRow[] = [];
  if (options.rows.includes('big')) {
    const peers = {
      peer: { name: 'skopeo', ms: samples.median('big.skopeo'), target: 1.1 },
      floor: { name: 'curl PATCH+PUT (registry ceiling)', ms: samples.median('big.ceiling'), target: 0.95 },
    };
    speed.push(
      { operation: `publish ${size} file: start → pushed (digest from the preview)`, bytes: bigBytes, stevedoreMs: samples.median('big.push'), ...peers },
      { operation: `publish ${size} file: drop → pushed (hashing included)`, bytes: bigBytes, stevedoreMs: samples.median('big.total'), ...peers },
    );
  }
  if (options.rows.includes('folder')) {
    speed.push({
      operation: `publish a folder of ${options.files} files (one tar+gzip layer): drop → pushed`,
      bytes: smallBytes,
      stevedoreMs: samples.median('folder.total'),
      peer: { name: 'tar -czf + sha256sum + curl PUT', ms: samples.median('folder.tar-curl'), target: 0.9 },
    });
  }
  if (options.rows.includes('layers')) {
    const peer = { name: 'skopeo (OCI layout)', ms: samples.median('layers.skopeo'), target: 2 };
    speed.push(
      { operation: `publish ${options.files} files as layers: start → pushed`, bytes: smallBytes, stevedoreMs: samples.median('layers.push'), peer },
      { operation: `publish ${options.files} files as layers: drop → pushed (hashing included)`, bytes: smallBytes, stevedoreMs: samples.median('layers.total'), peer },
    );
  }
  if (options.rows.includes('web')) {
    // Target: web time ≤ 1.6× the Electron path's, i.e. a speed ratio of at least 1 / 1.6.
    speed.push({
      operation: `web mode: publish ${size} file, first upload byte → pushed (upload to staging, open, preview, start)`,
      bytes: bigBytes,
      stevedoreMs: samples.median('web.total'),
      peer: { name: 'Electron path, drop → pushed', ms: samples.median('web.electron'), target: 1 / 1.6 },
    });
  }
  const memory: MemoryRow[] = [...bigMemory(size, samples), ...webMemory(size, samples)];
  return { speed, memory };
}

function webMemory(size: string, samples: Samples): MemoryRow[] {
  if (samples.webReports.length === 0) return [];
  return [
    {
      operation: `peak memory, web host, publish ${size} (upload → pushed)`,
      peakBytes: Math.max(...samples.webReports.map((report) => report.peakRssBytes)),
      baselineBytes: median(samples.webReports.map((report) => report.baselineRssBytes)),
      limitBytes: MEMORY_LIMIT,
    },
  ];
}

function bigMemory(size: string, samples: Samples): MemoryRow[] {
  return samples.reports.length === 0
      ? []
      : [
          {
            operation: `peak memory, publish ${size} (drop → pushed)`,
            peakBytes: Math.max(...samples.reports.map((report) => report.peakRssBytes)),
            baselineBytes: median(samples.reports.map((report) => report.baselineRssBytes)),
            limitBytes: MEMORY_LIMIT,
          },
        ];
}

/** When the suite ran and how busy the shared machine was (1-minute load average). */
function when(began: { at: Date; load: number }): string {
  const time = (d: Date) => d.toISOString().slice(11, 16);
  return `Ran ${began.at.toISOString().slice(0, 10)} ${time(began.at)}–${time(new Date())} UTC; load average ${began.load.toFixed(1)} at the start, ${loadNow().toFixed(1)} at the end (2 cores, shared with other work).\n`;
}

/** The folder row's compressed sizes: what each side uploads decides as much as how fast it packs. */
function sizeNotes(samples: Samples): string[] {
  const { stevedore, gnu } = samples.folderBytes;
  if (stevedore.length === 0 || gnu.length === 0) return [];
  const ours = median(stevedore);
  const theirs = median(gnu);
  return [`Folder layer size: Stevedore ${ours.toLocaleString('en')} bytes, \`tar -czf\` ${theirs.toLocaleString('en')} bytes (${((ours / theirs - 1) * 100).toFixed(2)} %).`, ''];
}

async function publishResults(options: PublishBenchOptions, result: { speed: SpeedRow[]; memory: MemoryRow[] }, notes: string[]): Promise<void> {
  const cells = tableCells(result.speed, result.memory);
  process.stdout.write(`\n${textTable(cells)}\n\n`);
  const outFile = resolve(options.outFile);
  await mkdir(dirname(outFile), { recursive: true });
  const version = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0]?.trim() ?? '?';
    } catch {
      return '?';
    }
  };
  await writeResults(
    outFile,
    [
      '# Publish benchmark',
      '',
      `Generated by \`npm run bench -- --suite publish --runs ${options.runs} --size ${options.sizeMiB} --files ${options.files}${options.rows.length < PUBLISH_ROWS.length ? ` --rows ${options.rows.join(',')}` : ''}\` on ${new Date().toISOString().slice(0, 10)}.`,
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${version('skopeo', ['--version'])}, ${version('tar', ['--version'])}, docker-registry (Distribution 2.8) on loopback, anonymous.`,
      '',
      `Medians of ${options.runs} run(s); ratios are speed ratios (above 1 = Stevedore faster). Throughput in decimal MB/s of the files' bytes. The "Floor" column holds the registry's ingest ceiling for the 1 GiB rows.`,
      '',
      markdownTable(cells),
      '',
      ...notes,
      '## How it is measured',
      '',
      "- Stevedore: a child process wires the services as `createServices` does (one TransferScheduler with the app's limits, the transfer queue, the publish service) behind the Electron drop allow-list, and runs what a drop runs: `publish.open` with the dropped paths, `publish.preview` (hashes files, packs a folder), `publish.start`, then waits for the transfer. `created` is off. \"start → pushed\" is `publish.start` to the transfer's end (the push job: HEAD, upload, manifest); \"drop → pushed\" adds open and preview.",
      '- Each run starts a fresh registry; every contender pushes into its own new repository. Contenders run one after another, a different one first each run, `sync` before each. skopeo, curl and tar are timed as whole commands.',
      '- 1 GiB: skopeo `copy --preserve-digests oci:<layout> docker://…` (the file hard-linked as the layout\'s one layer); registry ceiling: POST, `curl -X PATCH -T <file>`, empty PUT with the digest known (the shape the push uses), as in the blob bench.',
      '- Folder: Stevedore packs the folder into one reproducible tar+gzip layer (ORAS layout, `io.deis.oras.content.digest` of the tar) and pushes it with an empty config and the manifest; the peer runs `tar -czf`, `sha256sum` and one `curl -T` PUT (no manifest).',
      '- Layers: every file one layer; skopeo pushes an OCI layout holding the same files as layers (digests precomputed, like ours after the preview).',
      "- Web: a fresh web host per run (bundled from the working tree at the start, as `npm run build` bundles `out/web/web.mjs`), the registry added with `registries.add`, the session cookie from the token address. Timed from the first upload request: the page's requests (POST a batch, POST the file as one body with its path headers, seal), then `publish.open` with the staged id, `publish.preview` and `publish.start` over the WebSocket, until `transfers.changed` says done. Beside it, in the same run and rotation, the Electron path (drop → pushed, as above) into its own repository. Peak memory is the host's VmHWM.",
      '',
    ].join('\n'),
  );
  log(`written to ${options.outFile}`);
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
