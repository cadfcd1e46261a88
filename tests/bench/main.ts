// `npm run bench`: Stevedore's blob transfer side by side with skopeo and a bare floor, against a
// fresh local registry per run, medians of N runs, ratios printed and written as markdown; then the
// catalog suite (tests/bench/catalog). `--suite blobs|catalog` runs one of them; `--suite publish`
// runs the publish suite (tests/bench/publish) alone, `--suite download` the download suite.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { makeTempDir, removeTempDir } from '../support/processes';
import { startRegistry, type TestRegistry } from '../support/registry';
import { runCatalogSuite } from './catalog/run-catalog';
import { selectSuites } from './catalog/suites';
import type { ChildReport } from './child';
import { writeOciLayout, writeRandomFile, type BlobFile } from './fixtures';
import { NATURAL_CONCURRENCY } from './jobs';
import { measureJob } from './measure';
import { parseOptions, type BenchOptions } from './options';
import { curlPull, curlPushMonolithic, curlPushPatch, skopeoPull, skopeoPush, type SkopeoEnv } from './peers';
import { markdownTable, tableCells, textTable, type MemoryRow, type SpeedRow } from './report';
import { inRotation } from './rotation';
import { median, megabytesPerSecond } from './stats';
import { seededSizes } from './seeded-random';
import { parsePublishOptions } from './publish/publish-options';
import { runPublishSuite } from './publish/run-publish';
import { parseDownloadOptions } from './download/download-options';
import { runDownloadSuite } from './download/run-download';
import { parseCopyOptions } from './copy/copy-options';
import { runCopySuite } from './copy/run-copy';
import { parseLocalOptions } from './local/local-options';
import { runLocalSuite } from './local/run-local';
import { writeResults } from './results-file';

const MiB = 1024 * 1024;
const KiB = 1024;
const MEMORY_LIMIT = 150 * MiB;
const TAG = 'bench';

type Sample = 'push.stevedore' | 'push.skopeo' | 'push.floor' | 'push.curl-put' | 'push.curl-patch' | 'pull.stevedore' | 'pull.skopeo' | 'pull.curl'
  | 'small-push.stevedore' | 'small-push.skopeo' | 'small-pull.stevedore' | 'small-pull.skopeo' | 'small-pull.floor';

class Samples {
  readonly ms = new Map<Sample, number[]>();
  readonly rss = new Map<'push' | 'pull', ChildReport[]>();

  add(sample: Sample, ms: number): void {
    this.ms.set(sample, [...(this.ms.get(sample) ?? []), ms]);
  }

  addChild(sample: Sample, report: ChildReport, memory?: 'push' | 'pull'): void {
    this.add(sample, report.ms);
    if (memory) this.rss.set(memory, [...(this.rss.get(memory) ?? []), report]);
  }

  median(sample: Sample): number {
    return median(this.ms.get(sample) ?? []);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // `--suite publish` runs only the publish suite, with its own flags (tests/bench/publish).
  const suiteAt = argv.findIndex((arg, i) => arg === '--suite=publish' || (arg === '--suite' && argv[i + 1] === 'publish'));
  if (suiteAt >= 0) {
    await runPublishSuite(parsePublishOptions(argv.filter((_, i) => i !== suiteAt && !(argv[suiteAt] === '--suite' && i === suiteAt + 1))));
    return;
  }
  // `--suite download` runs only the download suite, with its own flags (tests/bench/download).
  const downloadAt = argv.findIndex((arg, i) => arg === '--suite=download' || (arg === '--suite' && argv[i + 1] === 'download'));
  if (downloadAt >= 0) {
    await runDownloadSuite(parseDownloadOptions(argv.filter((_, i) => i !== downloadAt && !(argv[downloadAt] === '--suite' && i === downloadAt + 1))));
    return;
  }
  // `--suite copy` runs only the copy suite, with its own flags (tests/bench/copy).
  const copyAt = argv.findIndex((arg, i) => arg === '--suite=copy' || (arg === '--suite' && argv[i + 1] === 'copy'));
  if (copyAt >= 0) {
    await runCopySuite(parseCopyOptions(argv.filter((_, i) => i !== copyAt && !(argv[copyAt] === '--suite' && i === copyAt + 1))));
    return;
  }
  // `--suite local` runs only the Local registry suite, with its own flags (tests/bench/local).
  const localAt = argv.findIndex((arg, i) => arg === '--suite=local' || (arg === '--suite' && argv[i + 1] === 'local'));
  if (localAt >= 0) {
    await runLocalSuite(parseLocalOptions(argv.filter((_, i) => i !== localAt && !(argv[localAt] === '--suite' && i === localAt + 1))));
    return;
  }
  const selection = selectSuites(argv);
  const options = parseOptions(selection.blobArgs);
  if (selection.suites.includes('blobs')) await blobSuite(options);
  if (selection.suites.includes('catalog')) await runCatalogSuite(selection.catalog);
}

async function blobSuite(options: BenchOptions): Promise<void> {
  const work = await makeTempDir('bench');
  const samples = new Samples();
  try {
    log(`bench: ${options.runs} run(s), ${options.sizeMiB} MiB blob, ${options.smallCount} small blobs; work dir ${work}`);
    const big = await writeRandomFile(join(work, 'big.bin'), options.sizeMiB * MiB);
    const bigLayout = await writeOciLayout(join(work, 'big-layout'), TAG, [big]);
    const skopeo: SkopeoEnv = { home: join(work, 'skopeo-home') };
    await mkdir(skopeo.home);
    for (let run = 1; run <= options.runs; run += 1) {
      // A fresh registry per run: no blob of an earlier run can be mounted or skipped.
      const registry = await startRegistry();
      try {
        await bigPushRun(run, registry, big, bigLayout.dir, skopeo, samples);
        if (options.blobRows === 'all') {
          await bigPullRun(run, registry, big, skopeo, work, samples);
          await smallBlobsRun(run, registry, options, skopeo, work, samples);
        }
      } finally {
        await registry.stop();
      }
    }
    const smallBytes = seededSizes(options.smallCount, 4 * KiB, 256 * KiB).reduce((sum, size) => sum + size, 0);
    await publish(options, tables(options, samples, big.size, smallBytes));
  } finally {
    await removeTempDir(work);
  }
}

const bigRepo = (who: string, run: number) => `big/${who}-${run}`;

async function bigPushRun(run: number, registry: TestRegistry, big: BlobFile, layoutDir: string, skopeo: SkopeoEnv, samples: Samples): Promise<void> {
  const repo = (who: string) => bigRepo(who, run);
  const pushes: Array<() => Promise<void>> = [
    async () => samples.addChild('push.stevedore', await measureJob({ kind: 'stevedore-push', baseUrl: registry.url, repository: repo('stevedore'), path: big.path }), 'push'),
    async () => samples.add('push.skopeo', await skopeoPush(skopeo, layoutDir, TAG, registry.host, repo('skopeo'))),
    async () => samples.addChild('push.floor', await measureJob({ kind: 'floor-push', baseUrl: registry.url, repository: repo('floor'), blob: big })),
    async () => samples.add('push.curl-put', await curlPushMonolithic(registry.url, repo('curl-put'), big)),
    async () => samples.add('push.curl-patch', await curlPushPatch(registry.url, repo('curl-patch'), big)),
  ];
  await inRotation(run, `run ${run}: push ${(big.size / MiB).toFixed(0)} MiB`, pushes);
}

async function bigPullRun(run: number, registry: TestRegistry, big: BlobFile, skopeo: SkopeoEnv, work: string, samples: Samples): Promise<void> {
  // Everyone pulls what skopeo pushed: a complete image, the same bytes on the registry's disk.
  const source = bigRepo('skopeo', run);
  const pulled = join(work, 'pulled');
  const pulls: Array<() => Promise<void>> = [
    async () => {
      const report = await measureJob({ kind: 'stevedore-pull', baseUrl: registry.url, repository: source, digest: big.digest, size: big.size, targetPath: pulled });
      samples.addChild('pull.stevedore', report, 'pull');
    },
    async () => samples.add('pull.skopeo', await skopeoPull(skopeo, registry.host, source, TAG, pulled)),
    async () => samples.add('pull.curl', await curlPull(`${registry.url}/v2/${source}/blobs/${big.digest}`, pulled)),
  ];
  await inRotation(run, `run ${run}: pull ${(big.size / MiB).toFixed(0)} MiB`, pulls, () => rm(pulled, { recursive: true, force: true }));
}

async function smallBlobsRun(run: number, registry: TestRegistry, options: BenchOptions, skopeo: SkopeoEnv, work: string, samples: Samples): Promise<void> {
  const dir = join(work, `small-${run}`);
  await mkdir(join(dir, 'files'), { recursive: true });
  try {
    // Seeded sizes, fresh random bytes every run.
    const layers: BlobFile[] = [];
    for (const [index, size] of seededSizes(options.smallCount, 4 * KiB, 256 * KiB).entries()) {
      layers.push(await writeRandomFile(join(dir, 'files', `${index}.bin`), size));
    }
    const layout = await writeOciLayout(join(dir, 'layout'), TAG, layers);
    const repo = (who: string) => `small/${who}-${run}`;
    await inRotation(run, `run ${run}: push ${layers.length} small blobs`, [
      async () => samples.addChild('small-push.stevedore', await measureJob({
        kind: 'stevedore-push-many', baseUrl: registry.url, repository: repo('stevedore'), tag: TAG, layers, concurrency: NATURAL_CONCURRENCY,
      })),
      async () => samples.add('small-push.skopeo', await skopeoPush(skopeo, layout.dir, TAG, registry.host, repo('skopeo'))),
    ]);
    const pulled = join(dir, 'pulled');
    await inRotation(run, `run ${run}: pull ${layers.length} small blobs`, [
      async () => samples.addChild('small-pull.stevedore', await measureJob({
        kind: 'stevedore-pull-many', baseUrl: registry.url, repository: repo('skopeo'), tag: TAG, dir: pulled, concurrency: NATURAL_CONCURRENCY,
      })),
      async () => samples.add('small-pull.skopeo', await skopeoPull(skopeo, registry.host, repo('skopeo'), TAG, pulled)),
      async () => samples.addChild('small-pull.floor', await measureJob({
        kind: 'floor-pull-many', baseUrl: registry.url, repository: repo('skopeo'), tag: TAG, concurrency: NATURAL_CONCURRENCY,
      })),
    ], () => rm(pulled, { recursive: true, force: true }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function tables(options: BenchOptions, samples: Samples, bigBytes: number, smallBytes: number): { speed: SpeedRow[]; memory: MemoryRow[] } {
  const size = `${options.sizeMiB} MiB`;
  const push: SpeedRow = {
    operation: `push ${size} (client hashes)`,
    bytes: bigBytes,
    stevedoreMs: samples.median('push.stevedore'),
    peer: { name: 'skopeo', ms: samples.median('push.skopeo'), target: 1.3 },
    floor: { name: 'undici POST+PUT', ms: samples.median('push.floor'), target: 0.9 },
    ceilings: [
      { name: 'curl -T PUT', ms: samples.median('push.curl-put') },
      { name: 'curl PATCH+PUT', ms: samples.median('push.curl-patch') },
    ],
  };
  if (options.blobRows === 'push') return { speed: [push], memory: memoryRows(options, samples, ['push']) };
  const speed: SpeedRow[] = [
    push,
    {
      operation: `pull + verify + write ${size}`,
      bytes: bigBytes,
      stevedoreMs: samples.median('pull.stevedore'),
      peer: { name: 'skopeo', ms: samples.median('pull.skopeo'), target: 1.3 },
      floor: { name: 'curl -o + fdatasync', ms: samples.median('pull.curl'), target: 0.9 },
    },
    {
      operation: `push ${options.smallCount} blobs of 4–256 KiB`,
      bytes: smallBytes,
      stevedoreMs: samples.median('small-push.stevedore'),
      peer: { name: 'skopeo', ms: samples.median('small-push.skopeo'), target: 2 },
    },
    {
      operation: `pull ${options.smallCount} blobs of 4–256 KiB`,
      bytes: smallBytes,
      stevedoreMs: samples.median('small-pull.stevedore'),
      peer: { name: 'skopeo', ms: samples.median('small-pull.skopeo'), target: 2 },
      ceilings: [{ name: 'bare undici GETs', ms: samples.median('small-pull.floor') }],
    },
  ];
  return { speed, memory: memoryRows(options, samples, ['push', 'pull']) };
}

function memoryRows(options: BenchOptions, samples: Samples, kinds: ReadonlyArray<'push' | 'pull'>): MemoryRow[] {
  const size = `${options.sizeMiB} MiB`;
  return kinds.map((kind) => {
    const reports = samples.rss.get(kind) ?? [];
    return {
      operation: `peak memory, ${kind} ${size}`,
      peakBytes: Math.max(...reports.map((report) => report.peakRssBytes)),
      baselineBytes: median(reports.map((report) => report.baselineRssBytes)),
      limitBytes: MEMORY_LIMIT,
    };
  });
}

async function publish(options: BenchOptions, rows: { speed: SpeedRow[]; memory: MemoryRow[] }): Promise<void> {
  const cells = tableCells(rows.speed, rows.memory);
  process.stdout.write(`\n${textTable(cells)}\n\n`);
  const outFile = resolve(options.outFile);
  await mkdir(dirname(outFile), { recursive: true });
  await writeResults(outFile, markdown(options, markdownTable(cells), rows.speed));
  log(`written to ${options.outFile}`);
}

function markdown(options: BenchOptions, table: string, speed: readonly SpeedRow[]): string {
  const version = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0]?.trim() ?? '?';
    } catch {
      return '?';
    }
  };
  return [
    '# Blob transfer benchmark',
    '',
    `Generated by \`npm run bench -- --runs ${options.runs} --size ${options.sizeMiB} --small ${options.smallCount}${options.blobRows === 'all' ? '' : ` --blob-rows ${options.blobRows}`}\` on ${new Date().toISOString().slice(0, 10)}.`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${version('skopeo', ['--version'])}, ${version('curl', ['--version']).split(' ').slice(0, 2).join(' ')}, docker-registry (Distribution 2.8) on loopback, anonymous.`,
    '',
    `Medians of ${options.runs} run(s); ratios are speed ratios (above 1 = Stevedore faster). Throughput in decimal MB/s.`,
    '',
    table,
    '',
    ...speed.flatMap(ceilingNote),
    '## How it is measured',
    '',
    '- Each run starts a fresh registry (fresh storage), and every contender pushes into its own new repository, so no blob is skipped by HEAD or mounted.',
    '- Contenders run one after the other, starting with a different one each run; `sync` flushes dirty pages before each.',
    "- Stevedore's side (and the undici floor) runs in a child process that does only that job; its time is the job's, its memory the child's RSS high-water mark (sampled every 20 ms and `process.resourceUsage().maxRSS`).",
    '- skopeo and curl are timed as whole commands, start-up included: the user waits for it.',
    '- Push: Stevedore `uploadBlob` from a file without a digest (it hashes while sending); skopeo `copy oci:<layout> docker://…` (one layer, the same file hard-linked); floor: undici POST + one monolithic PUT streaming the file with a precomputed digest.',
    "- Registry ceiling: the cheapest clients there are, digest known, nothing hashed on their side: POST, then `curl -T <file> \"<Location>&digest=…\"` (one monolithic PUT), or `curl -X PATCH -T <file>` then an empty PUT with the digest (the shape Stevedore uses). Each in its own fresh repository, timed from the POST to the registry's 201. What they take is what Distribution needs to receive, hash (its own SHA-256) and store 1 GiB; no client can push faster.",
    '- Pull: everyone fetches the blob skopeo pushed. Stevedore `downloadBlob` (verify size and digest, temp file, fdatasync, rename); skopeo `copy docker://… oci:<dir>` (whole image); floor: `curl -o` then fdatasync.',
    `- Small blobs: sizes from a seeded PRNG, fresh random bytes each run. Stevedore uploads/downloads every blob through its TransferScheduler with ${NATURAL_CONCURRENCY} at a time (its default connection cap per registry), plus config and manifest; skopeo copies an image of the same layers.`,
    `- Small-blob pull ceiling: bare undici with ${NATURAL_CONCURRENCY} connections GETs the manifest and every blob and reads each body to its end, nothing verified, written or synced: what the registry serves at that concurrency.`,
    '',
  ].join('\n');
}

/** States in numbers whether the peer target is above what the registry can ingest at all. */
function ceilingNote(row: SpeedRow): string[] {
  if (!row.ceilings?.length) return [];
  const needed = megabytesPerSecond(row.bytes, row.peer.ms) * row.peer.target;
  const ceiling = Math.max(...row.ceilings.map((contender) => megabytesPerSecond(row.bytes, contender.ms)));
  const verdict = needed > ceiling ? 'above' : 'within';
  return [
    `${row.operation}: ${row.peer.target}× ${row.peer.name} needs ${needed.toFixed(0)} MB/s; the fastest client that only ${row.operation.startsWith('pull') ? 'receives' : 'sends'} (registry ceiling) got ${ceiling.toFixed(0)} MB/s, so the target is ${verdict} what this registry ${row.operation.startsWith('pull') ? 'serves' : 'ingests'}.`,
    '',
  ];
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
