import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegistry } from '../../../electron/oci/registry';
import { localRoot } from '../../../electron/store';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import type { Measured } from '../child-measure';
import { pushOneLayerImage, writeRandomFile, type BlobFile } from '../fixtures';
import { commandOutput, syncFile } from '../measure';
import { curlPull, skopeoPull } from '../peers';
import { markdownTable, tableCells, textTable, type MemoryRow, type SpeedRow } from '../report';
import { inRotation } from '../rotation';
import { median } from '../stats';
import type { LocalChildReport, LocalJob } from './local-child';
import { writeManyLayouts } from './local-layouts';
import type { LocalOpenReport } from './local-open';
import { LOCAL_ROWS, type LocalBenchOptions } from './local-options';
import { loadLine, timeCells, type TimeRow } from './local-report';
import { writeResults } from '../results-file';

const MiB = 1024 * 1024;
const TAG = 'bench';
const SOURCE = 'bench/src';
const MEMORY_LIMIT = 150 * MiB;
const WARM_LIMIT_MS = 500;

type Sample =
  | 'publish.total' | 'publish.push' | 'publish.hash-cp' | 'publish.cp-sync' | 'publish.cp'
  | 'pull.stevedore' | 'pull.skopeo' | 'pull.curl'
  | 'open.cold' | 'open.warm' | 'open.floor' | 'open.cold-list' | 'open.warm-list';

class Samples {
  readonly ms = new Map<Sample, number[]>();
  readonly memory = new Map<'publish' | 'pull' | 'open.cold' | 'open.warm', Measured[]>();
  readonly notes: string[] = [];

  add(sample: Sample, ms: number): void {
    this.ms.set(sample, [...(this.ms.get(sample) ?? []), ms]);
    log(`  ${sample}: ${(ms / 1000).toFixed(3)} s (load ${loadavg()[0]?.toFixed(1) ?? '?'})`);
  }

  measuredBy(kind: 'publish' | 'pull' | 'open.cold' | 'open.warm', report: Measured): void {
    this.memory.set(kind, [...(this.memory.get(kind) ?? []), report]);
  }

  all(sample: Sample): number[] {
    return this.ms.get(sample) ?? [];
  }

  median(sample: Sample): number {
    return median(this.all(sample));
  }

  peak(kind: 'publish' | 'pull' | 'open.cold' | 'open.warm'): number | undefined {
    const reports = this.memory.get(kind) ?? [];
    return reports.length === 0 ? undefined : Math.max(...reports.map((r) => r.peakRssBytes));
  }
}

/**
 * `npm run bench -- --suite local`: the Local registry side by side with the tools a user would
 * otherwise use, in one run: a drop into Local against `sha256sum` + `cp`; a pull from a registry
 * into Local against `skopeo copy docker://… oci:…`; opening Local with many repositories, cold and warm.
 */
export async function runLocalSuite(options: LocalBenchOptions): Promise<void> {
  const work = await makeTempDir('bench-local');
  const samples = new Samples();
  const wants = (row: (typeof LOCAL_ROWS)[number]) => options.rows.includes(row);
  const loadBefore = loadavg()[0] ?? 0;
  let registry: TestRegistry | undefined;
  let layoutFiles = 0;
  try {
    log(`local bench: ${options.runs} run(s), ${options.sizeMiB} MiB, ${options.repositories} repositories × ${options.artifacts} artifacts; rows ${options.rows.join(',')}; work dir ${work}`);
    const big = wants('publish') || wants('pull') ? await writeRandomFile(join(work, 'big.bin'), options.sizeMiB * MiB) : undefined;
    if (wants('pull') && big) {
      registry = await startRegistry();
      await seed(registry, big);
    }
    const catalogData = join(work, 'catalog-data');
    if (wants('catalog')) {
      const started = performance.now();
      layoutFiles = (await writeManyLayouts(localRoot(catalogData), options.repositories, options.artifacts)).files;
      execFileSync('sync');
      samples.notes.push(`Generated ${options.repositories.toLocaleString('en')} layouts with ${(options.repositories * options.artifacts).toLocaleString('en')} artifacts (${layoutFiles.toLocaleString('en')} files) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      log(samples.notes.at(-1) as string);
    }
    for (let run = 1; run <= options.runs; run += 1) {
      if (wants('publish') && big) await publishRun(run, big, work, samples);
      if (wants('pull') && big && registry) await pullRun(run, registry, big, work, samples);
      if (wants('catalog')) await catalogRun(run, catalogData, samples);
    }
    await writeReport(options, samples, big?.size ?? 0, [loadBefore, loadavg()[0] ?? 0]);
  } finally {
    await registry?.stop();
    await removeTempDir(work);
  }
}

/** `bench/src:bench`: one image whose one layer is the big file, pushed untimed. */
async function seed(registry: TestRegistry, big: BlobFile): Promise<void> {
  log('seeding the registry with the image to pull');
  await pushOneLayerImage(createRegistry({ baseUrl: registry.url }).repository(SOURCE), big, TAG);
}

async function publishRun(run: number, big: BlobFile, work: string, samples: Samples): Promise<void> {
  const copy = join(work, 'copy.bin');
  const dataDir = join(work, `publish-data-${run}`);
  const timed = async (sample: Sample, steps: () => Promise<void>) => {
    const started = performance.now();
    await steps();
    samples.add(sample, performance.now() - started);
  };
  await inRotation(run, `run ${run}: publish ${(big.size / MiB).toFixed(0)} MiB into Local`, [
    async () => {
      await mkdir(dataDir, { recursive: true });
      const report = await child({ kind: 'publish', dataDir, path: big.path, repository: 'bench/publish', tag: TAG });
      if (report.kind !== 'publish') throw new Error('expected a publish report');
      log(`  stevedore: prepare ${(report.value.prepareMs / 1000).toFixed(2)} s, store ${(report.value.pushMs / 1000).toFixed(2)} s, peak ${(report.peakRssBytes / MiB).toFixed(0)} MiB (${report.value.check})`);
      samples.add('publish.total', report.value.prepareMs + report.value.pushMs);
      samples.add('publish.push', report.value.pushMs);
      samples.measuredBy('publish', report);
    },
    () => timed('publish.hash-cp', async () => {
      await commandOutput('sha256sum', [big.path]);
      await commandOutput('cp', [big.path, copy]);
      await syncFile(copy);
    }),
    () => timed('publish.cp-sync', async () => {
      await commandOutput('cp', [big.path, copy]);
      await syncFile(copy);
    }),
    () => timed('publish.cp', async () => void (await commandOutput('cp', [big.path, copy]))),
  ], async () => {
    await rm(copy, { force: true });
    await rm(dataDir, { recursive: true, force: true });
  });
}

async function pullRun(run: number, registry: TestRegistry, big: BlobFile, work: string, samples: Samples): Promise<void> {
  const dataDir = join(work, `pull-data-${run}`);
  const layout = join(work, `skopeo-layout-${run}`);
  const home = join(work, `skopeo-home-${run}`);
  const pulled = join(work, 'pulled.bin');
  await inRotation(run, `run ${run}: pull ${(big.size / MiB).toFixed(0)} MiB from the registry into Local`, [
    async () => {
      await mkdir(dataDir, { recursive: true });
      const report = await child({ kind: 'pull', baseUrl: registry.url, repository: SOURCE, tag: TAG, dataDir, into: 'bench/pulled' });
      if (report.kind !== 'pull') throw new Error('expected a pull report');
      log(`  stevedore: peak ${(report.peakRssBytes / MiB).toFixed(0)} MiB (${report.value})`);
      samples.add('pull.stevedore', report.ms);
      samples.measuredBy('pull', report);
    },
    async () => {
      // An empty HOME each time: no blob-info cache, as on a fresh machine.
      await mkdir(home, { recursive: true });
      samples.add('pull.skopeo', await skopeoPull({ home }, registry.host, SOURCE, TAG, layout));
    },
    async () => samples.add('pull.curl', await curlPull(`${registry.url}/v2/${SOURCE}/blobs/${big.digest}`, pulled)),
  ], async () => {
    await Promise.all([dataDir, layout, home, pulled].map((path) => rm(path, { recursive: true, force: true })));
  });
}

async function catalogRun(run: number, dataDir: string, samples: Samples): Promise<void> {
  log(`run ${run}: open Local's catalog, cold then warm, and the bare floor`);
  // Cold: no catalog cache from an earlier open (the layouts' files may be in the page cache).
  await rm(join(dataDir, 'cache'), { recursive: true, force: true });
  execFileSync('sync');
  const open = async (which: 'cold' | 'warm'): Promise<LocalOpenReport> => {
    const report = await child({ kind: 'open', dataDir });
    if (report.kind !== 'open') throw new Error('expected an open report');
    const v = report.value;
    if (v.problems.length > 0) throw new Error(`the ${which} open reported problems: ${v.problems.join('; ')}`);
    log(`  ${which}: ${v.repositories} repositories, ${v.tags} tags, kinds ${JSON.stringify(v.kinds)}, listed in ${(v.listMs / 1000).toFixed(3)} s, peak ${(report.peakRssBytes / MiB).toFixed(0)} MiB`);
    samples.add(`open.${which}`, v.ms);
    samples.add(`open.${which}-list`, v.listMs);
    samples.measuredBy(`open.${which}`, report);
    return v;
  };
  await open('cold');
  await open('warm');
  const floor = await child({ kind: 'floor-open', root: localRoot(dataDir) });
  if (floor.kind !== 'floor-open') throw new Error('expected a floor report');
  log(`  floor: ${floor.value}`);
  samples.add('open.floor', floor.ms);
}

/**
 * One job in a fresh child process (the bundled local-child.mjs beside this bundle). With
 * STEVEDORE_BENCH_CPU_PROF=<dir> every child writes a V8 CPU profile there (`node --cpu-prof`).
 */
async function child(job: LocalJob): Promise<LocalChildReport> {
  const childPath = fileURLToPath(new URL('./local-child.mjs', import.meta.url));
  const profileDir = process.env.STEVEDORE_BENCH_CPU_PROF;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${job.kind}-${Date.now()}.cpuprofile`] : [];
  const stdout = await commandOutput(process.execPath, [...profile, childPath, JSON.stringify(job)]);
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as LocalChildReport;
}

function speedRows(options: LocalBenchOptions, samples: Samples, bytes: number): SpeedRow[] {
  const size = `${options.sizeMiB} MiB`;
  const rows: SpeedRow[] = [];
  if (options.rows.includes('publish')) {
    const peer = { name: 'sha256sum + cp + fdatasync', ms: samples.median('publish.hash-cp'), target: 0.8 };
    const ceilings = [
      { name: 'cp + fdatasync (disk)', ms: samples.median('publish.cp-sync') },
      { name: 'cp alone (page cache)', ms: samples.median('publish.cp') },
    ];
    rows.push(
      { operation: `publish a ${size} file into Local: drop → stored (open, preview hashes, push job)`, bytes, stevedoreMs: samples.median('publish.total'), peer, ceilings },
      { operation: `publish a ${size} file into Local: start → stored (the push job alone)`, bytes, stevedoreMs: samples.median('publish.push'), peer, ceilings },
    );
  }
  if (options.rows.includes('pull')) {
    rows.push({
      operation: `pull a ${size} image from the registry into Local (copy.start)`,
      bytes,
      stevedoreMs: samples.median('pull.stevedore'),
      peer: { name: 'skopeo copy docker:// oci: (empty cache)', ms: samples.median('pull.skopeo'), target: 1.3 },
      ceilings: [{ name: 'curl -o + fdatasync', ms: samples.median('pull.curl') }],
    });
  }
  return rows;
}

function memoryRows(options: LocalBenchOptions, samples: Samples): MemoryRow[] {
  const kinds = (['publish', 'pull'] as const).filter((kind) => options.rows.includes(kind));
  return kinds.map((kind) => {
    const reports = samples.memory.get(kind) ?? [];
    return {
      operation: `peak memory, ${kind} ${options.sizeMiB} MiB into Local`,
      peakBytes: Math.max(...reports.map((r) => r.peakRssBytes)),
      baselineBytes: median(reports.map((r) => r.baselineRssBytes)),
      limitBytes: MEMORY_LIMIT,
    };
  });
}

function catalogRows(options: LocalBenchOptions, samples: Samples): TimeRow[] {
  if (!options.rows.includes('catalog')) return [];
  const shape = `${options.repositories.toLocaleString('en')} repositories, ${(options.repositories * options.artifacts).toLocaleString('en')} artifacts`;
  const peak = (kind: 'open.cold' | 'open.warm') => samples.peak(kind);
  const withPeak = (kind: 'open.cold' | 'open.warm') => (peak(kind) === undefined ? {} : { peakRssBytes: peak(kind) as number });
  return [
    { measurement: `warm open of Local (second open, same data folder), ${shape}`, ms: samples.all('open.warm'), ...withPeak('open.warm'), limitMs: WARM_LIMIT_MS, compare: { name: 'cold open', ms: samples.all('open.cold') } },
    { measurement: `cold open of Local (no catalog cache), ${shape}`, ms: samples.all('open.cold'), ...withPeak('open.cold'), compare: { name: 'bare Node reading every index.json and manifest', ms: samples.all('open.floor') } },
    { measurement: 'of which: catalog.repositories (cold; the folder walk)', ms: samples.all('open.cold-list') },
    { measurement: 'of which: catalog.repositories (warm)', ms: samples.all('open.warm-list') },
  ];
}

async function writeReport(options: LocalBenchOptions, samples: Samples, bytes: number, load: [number, number]): Promise<void> {
  const speed = speedRows(options, samples, bytes);
  const cells = tableCells(speed, memoryRows(options, samples));
  const times = timeCells(catalogRows(options, samples));
  const hasSpeed = speed.length > 0;
  const hasTimes = times.length > 1;
  process.stdout.write(`\n${hasSpeed ? `${textTable(cells)}\n\n` : ''}${hasTimes ? `${textTable(times)}\n\n` : ''}`);
  const everyRun = [...samples.ms].map(([sample, ms]) => `- ${sample}: ${ms.map((m) => `${(m / 1000).toFixed(3)} s`).join(', ')}`);
  const version = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0]?.trim() ?? '?';
    } catch {
      return '?';
    }
  };
  const outFile = resolve(options.outFile);
  await mkdir(dirname(outFile), { recursive: true });
  await writeResults(
    outFile,
    [
      '# Local registry benchmark',
      '',
      `Generated by \`npm run bench -- --suite local --runs ${options.runs} --size ${options.sizeMiB} --repositories ${options.repositories} --artifacts ${options.artifacts}${options.rows.length < LOCAL_ROWS.length ? ` --rows ${options.rows.join(',')}` : ''}\` on ${new Date().toISOString().slice(0, 10)}.`,
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${version('skopeo', ['--version'])}, ${version('sha256sum', ['--version'])}, ${version('cp', ['--version'])}, docker-registry (Distribution 2.8) on loopback; everything in ${tmpdir()}, on one disk (${version('findmnt', ['-no', 'SOURCE,FSTYPE', '-T', tmpdir()])}).`,
      '',
      loadLine(load[0], load[1], cpus().length),
      '',
      `Medians of ${options.runs} run(s). In the first table ratios are speed ratios (above 1 = Stevedore faster); throughput is decimal MB/s of the file's bytes.`,
      '',
      ...(hasSpeed ? [markdownTable(cells), ''] : []),
      ...(hasTimes ? [markdownTable(times), ''] : []),
      ...samples.notes,
      '',
      'Every run, in seconds:',
      '',
      ...everyRun,
      '',
      '## How it is measured',
      '',
      "- Every Stevedore side runs in a fresh child process that wires the services as `createServices` does, with `localRegistry(dataDir)` as the saved registry and the registry pool's Local store (`openLocalStore`) behind it, and does only that; its memory is the child's RSS high-water mark.",
      '- Publish: the file dropped on Local through the Electron drop allow-list: `publish.open`, `publish.preview` (hashes the file), `publish.start`, then the push job on the transfer queue until done (the layout\'s blob written to `ingest/`, hashed, fsync\'d, renamed; the manifest; index.json under the lock). The peer hashes the file with `sha256sum` and copies it with `cp` onto the same disk, then fdatasyncs the copy (Stevedore syncs its blob); the disk\'s ceilings are `cp` with that fdatasync and `cp` alone (page cache only). Each into a fresh place, `sync` before each contender, a different one first each run.',
      '- Pull: one Distribution 2.8 on loopback serves a one-layer image whose layer is the same file; Stevedore runs `copy.start` from it into a fresh Local (referrers included, so it also asks for them) and waits for the transfer; skopeo runs `copy --preserve-digests --dest-oci-accept-uncompressed-layers docker://… oci:<fresh dir>:bench` with an empty HOME, timed as a whole command; the floor is `curl -o` of the layer plus fdatasync.',
      `- Catalog: ${options.repositories.toLocaleString('en')} OCI image layouts generated deterministically in \`<data>/local\` (nested names \`team-NN/service-NNNN\`, ${options.artifacts} tagged artifacts each rotating image, Helm chart, Wasm and other, small blobs). Cold: the catalog cache removed, a fresh process runs \`catalog.repositories\` then \`catalog.summarise\` in the renderer's batches of 500 until every \`catalog.summaries\` event has arrived, then flushes (untimed) as the app does on quit. Warm: a second fresh process on the same data folder, the same calls without refresh. The floor is bare Node walking the folder and reading + parsing every index.json and manifest, 16 repositories at a time. The layouts' files stay in the page cache between runs (dropping it needs root): cold means no catalog cache, not a cold disk.`,
      '',
    ].join('\n'),
  );
  log(`written to ${options.outFile}`);
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
