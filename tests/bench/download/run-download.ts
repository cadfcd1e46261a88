import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uploadBlob } from '../../../electron/oci/blobs/upload-blob';
import { RegistryClient } from '../../../electron/oci/client/registry-client';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { writeRandomFile } from '../fixtures';
import { commandOutput } from '../measure';
import { curlPull, skopeoPull, type SkopeoEnv } from '../peers';
import { markdownTable, tableCells, textTable, type MemoryRow, type SpeedRow } from '../report';
import { inRotation } from '../rotation';
import { median } from '../stats';
import type { DownloadChildReport, DownloadJob } from './download-child';
import { pushFiles, pushImage, pushLayer, tarGz, TITLE, writeImageLayers, writeSmallTree } from './download-fixtures';
import type { DownloadBenchOptions } from './download-options';
import { curlTar, skopeoTar, skopeoUmoci } from './download-peers';
import { writeResults } from '../results-file';

const MiB = 1024 * 1024;
const TAG = 'bench';
const MEMORY_LIMIT = 150 * MiB;

type Sample = 'file.stevedore' | 'file.skopeo' | 'file.curl' | 'folder.stevedore' | 'folder.curl-tar' | 'folder.skopeo-tar' | 'image.stevedore' | 'image.skopeo-umoci';

class Samples {
  readonly ms = new Map<Sample, number[]>();
  readonly reports = new Map<'file' | 'folder' | 'image', DownloadChildReport[]>();
  add(sample: Sample, ms: number): void {
    this.ms.set(sample, [...(this.ms.get(sample) ?? []), ms]);
  }
  report(kind: 'file' | 'folder' | 'image', report: DownloadChildReport): void {
    this.add(`${kind}.stevedore`, report.ms);
    this.reports.set(kind, [...(this.reports.get(kind) ?? []), report]);
  }
  median(sample: Sample): number {
    return median(this.ms.get(sample) ?? []);
  }
}

interface Fixtures {
  fileBytes: number;
  folderBytes: number;
  imageBytes: number;
  folderBlob: string;
}

/**
 * `npm run bench -- --suite download`: downloads as the app runs them (downloads.start on the
 * transfer queue), side by side with skopeo, curl, tar and umoci against one local registry.
 */
export async function runDownloadSuite(options: DownloadBenchOptions): Promise<void> {
  const work = await makeTempDir('bench-download');
  const samples = new Samples();
  const registry = await startRegistry();
  const loadBefore = loadavg()[0] ?? 0;
  try {
    log(`download bench: ${options.runs} run(s), ${options.sizeMiB} MiB file, ${options.files} small files, ${options.imageMiB} MiB image; work dir ${work}`);
    const fixtures = await seed(registry, options, work);
    const skopeo: SkopeoEnv = { home: join(work, 'skopeo-home') };
    await mkdir(skopeo.home);
    for (let run = 1; run <= options.runs; run += 1) {
      await fileRun(run, registry, skopeo, work, samples);
      await folderRun(run, registry, skopeo, work, fixtures, samples);
      await imageRun(run, registry, skopeo, work, samples);
    }
    await publish(options, rows(options, samples, fixtures), [loadBefore, loadavg()[0] ?? 0]);
  } finally {
    await registry.stop();
    await removeTempDir(work);
  }
}

async function seed(registry: TestRegistry, options: DownloadBenchOptions, work: string): Promise<Fixtures> {
  const http = new RegistryClient({ baseUrl: registry.url });
  log('seeding: the single file');
  const big = await writeRandomFile(join(work, 'big.bin'), options.sizeMiB * MiB);
  await uploadBlob(http, { repository: 'bench/file', source: { path: big.path, digest: big.digest, size: big.size } });
  await pushFiles(registry.url, 'bench/file', TAG, [{ mediaType: 'application/octet-stream', digest: big.digest, size: big.size, annotations: { [TITLE]: 'big.bin' } }]);
  await rm(big.path);

  log(`seeding: a folder of ${options.files} small files`);
  const treeRoot = join(work, 'tree-root');
  await writeSmallTree(treeRoot, 'tree', options.files);
  const folder = await tarGz(treeRoot, ['tree'], join(work, 'tree.tar.gz'));
  const folderLayer = await pushLayer(http, 'bench/folder', folder, { [TITLE]: 'tree', 'io.deis.oras.content.unpack': 'true', 'io.deis.oras.content.digest': folder.diffId });
  await pushFiles(registry.url, 'bench/folder', TAG, [folderLayer.descriptor]);
  await rm(treeRoot, { recursive: true, force: true });

  log(`seeding: a 3-layer image of ${options.imageMiB} MiB`);
  const roots = await writeImageLayers(work, options.imageMiB);
  const layers = [];
  for (const [index, root] of roots.entries()) {
    const packed = await tarGz(root, ['.'], join(work, `layer-${index}.tar.gz`));
    layers.push(await pushLayer(http, 'bench/image', packed));
    await rm(root, { recursive: true, force: true });
    await rm(packed.path);
  }
  await pushImage(registry.url, 'bench/image', TAG, layers);
  return {
    fileBytes: big.size,
    folderBytes: folder.size,
    imageBytes: layers.reduce((sum, l) => sum + l.descriptor.size, 0),
    folderBlob: `${registry.url}/v2/bench/folder/blobs/${folderLayer.descriptor.digest}`,
  };
}

async function fileRun(run: number, registry: TestRegistry, skopeo: SkopeoEnv, work: string, samples: Samples): Promise<void> {
  const out = join(work, 'out');
  await inRotationInto(run, `run ${run}: the single file`, out, [
    async () => samples.report('file', await stevedore(registry, 'bench/file', 'files', out, work)),
    async () => {
      await mkdir(out, { recursive: true });
      samples.add('file.skopeo', await skopeoPull(skopeo, registry.host, 'bench/file', TAG, join(out, 'layout')));
    },
    async () => {
      await mkdir(out, { recursive: true });
      samples.add('file.curl', await curlPull(`${registry.url}/v2/bench/file/blobs/${await blobDigest(registry, 'bench/file')}`, join(out, 'big.bin')));
    },
  ]);
}

async function folderRun(run: number, registry: TestRegistry, skopeo: SkopeoEnv, work: string, fixtures: Fixtures, samples: Samples): Promise<void> {
  const out = join(work, 'out');
  await inRotationInto(run, `run ${run}: the folder`, out, [
    async () => samples.report('folder', await stevedore(registry, 'bench/folder', 'files', out, work)),
    async () => {
      await mkdir(out, { recursive: true });
      samples.add('folder.curl-tar', await curlTar(fixtures.folderBlob, out));
    },
    async () => {
      await mkdir(join(out, 'files'), { recursive: true });
      samples.add('folder.skopeo-tar', await skopeoTar(skopeo, registry.host, 'bench/folder', TAG, join(out, 'layout'), join(out, 'files')));
    },
  ]);
}

async function imageRun(run: number, registry: TestRegistry, skopeo: SkopeoEnv, work: string, samples: Samples): Promise<void> {
  const out = join(work, 'out');
  await inRotationInto(run, `run ${run}: flatten the image`, out, [
    async () => samples.report('image', await stevedore(registry, 'bench/image', 'rootfs', out, work)),
    async () => {
      await mkdir(out, { recursive: true });
      samples.add('image.skopeo-umoci', await skopeoUmoci(skopeo, registry.host, 'bench/image', TAG, join(out, 'layout'), join(out, 'bundle')));
    },
  ]);
}

/** The contenders in rotation, each writing into `out`, which is removed before the first and after each. */
async function inRotationInto(run: number, label: string, out: string, contenders: Array<() => Promise<void>>): Promise<void> {
  await rm(out, { recursive: true, force: true });
  await inRotation(run, label, contenders, () => rm(out, { recursive: true, force: true }));
}

let digestCache: string | undefined;
async function blobDigest(registry: TestRegistry, repository: string): Promise<string> {
  if (digestCache) return digestCache;
  const response = await fetch(`${registry.url}/v2/${repository}/manifests/${TAG}`, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } });
  const manifest = (await response.json()) as { layers: Array<{ digest: string }> };
  digestCache = manifest.layers[0]?.digest ?? '';
  return digestCache;
}

/** One download in a fresh child process (its own data folder), as downloads.start runs it. */
async function stevedore(registry: TestRegistry, repository: string, mode: DownloadJob['mode'], folder: string, work: string): Promise<DownloadChildReport> {
  const job: DownloadJob = { baseUrl: registry.url, host: registry.host, repository, tag: TAG, mode, folder, dataDir: join(work, 'app-data') };
  const childPath = fileURLToPath(new URL('./download-child.mjs', import.meta.url));
  const stdout = await commandOutput(process.execPath, [childPath, JSON.stringify(job)]);
  const report = JSON.parse(stdout.trim().split('\n').pop() ?? '') as DownloadChildReport;
  log(`  stevedore ${repository} (${mode}): ${(report.ms / 1000).toFixed(2)} s, peak ${(report.peakRssBytes / MiB).toFixed(0)} MiB — ${report.check}`);
  return report;
}

function rows(options: DownloadBenchOptions, samples: Samples, fixtures: Fixtures): { speed: SpeedRow[]; memory: MemoryRow[] } {
  const speed: SpeedRow[] = [
    {
      operation: `download a ${options.sizeMiB} MiB file`,
      bytes: fixtures.fileBytes,
      stevedoreMs: samples.median('file.stevedore'),
      peer: { name: 'skopeo copy → oci:', ms: samples.median('file.skopeo'), target: 1.3 },
      floor: { name: 'curl -o + fdatasync', ms: samples.median('file.curl'), target: 0.8 },
    },
    {
      operation: `download + unpack a folder of ${options.files} files`,
      bytes: fixtures.folderBytes,
      stevedoreMs: samples.median('folder.stevedore'),
      peer: { name: 'skopeo copy + tar -xz', ms: samples.median('folder.skopeo-tar'), target: 1.5 },
      floor: { name: 'curl | tar -xz', ms: samples.median('folder.curl-tar'), target: 0.8 },
    },
    {
      operation: `flatten a 3-layer ${options.imageMiB} MiB image`,
      bytes: fixtures.imageBytes,
      stevedoreMs: samples.median('image.stevedore'),
      peer: { name: 'skopeo copy + umoci unpack', ms: samples.median('image.skopeo-umoci'), target: 1.0 },
    },
  ];
  const memory = (['file', 'folder', 'image'] as const).map((kind): MemoryRow => {
    const reports = samples.reports.get(kind) ?? [];
    return {
      operation: `peak memory, ${kind === 'file' ? 'the file' : kind === 'folder' ? 'the folder' : 'the flattening'}`,
      peakBytes: Math.max(...reports.map((r) => r.peakRssBytes)),
      baselineBytes: median(reports.map((r) => r.baselineRssBytes)),
      limitBytes: MEMORY_LIMIT,
    };
  });
  return { speed, memory };
}

async function publish(options: DownloadBenchOptions, rows: { speed: SpeedRow[]; memory: MemoryRow[] }, load: [number, number]): Promise<void> {
  const cells = tableCells(rows.speed, rows.memory);
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
      '# Download benchmark',
      '',
      `Generated by \`npm run bench -- --suite download --runs ${options.runs} --size ${options.sizeMiB} --files ${options.files} --image ${options.imageMiB}\` on ${new Date().toISOString().slice(0, 10)}.`,
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}, ${version('skopeo', ['--version'])}, ${version('umoci', ['--version'])}, ${version('curl', ['--version']).split(' ').slice(0, 2).join(' ')}, docker-registry (Distribution 2.8) on loopback, anonymous.`,
      '',
      `Load average (1 min) ${load[0].toFixed(1)} at the start and ${load[1].toFixed(1)} at the end, on ${cpus().length} cores shared with other work: read the ratios with that in mind.`,
      '',
      `Medians of ${options.runs} run(s); ratios are speed ratios (above 1 = Stevedore faster). Throughput in decimal MB/s of what crosses the wire (compressed).`,
      '',
      markdownTable(cells),
      '',
      ...rows.speed.flatMap(floorNote),
      '## How it is measured',
      '',
      '- One registry for the suite: downloads change nothing on it. Every contender writes into an emptied folder; contenders run one after the other, a different one first each run, `sync` before each.',
      "- Stevedore runs in a child process that does only that: `downloads.start` on the real transfer queue (files mode for the file and the folder, rootfs for the image), waiting until the transfer settles. Its time is the job's, its memory the child's RSS high-water mark. Every blob is verified (size, digest; for the folder the uncompressed tar against `io.deis.oras.content.digest`, for the image each layer against the config's diff_ids), files written to a temp file with fdatasync and renamed; archives up to 64 MiB streamed from the registry through the safe writer into a staging folder (larger ones fetched to a resumable temp file first), then moved into place.",
      '- skopeo, curl, tar and umoci are timed as whole commands, start-up included. `curl | tar -xz` verifies nothing; skopeo verifies digests; umoci verifies and unpacks (rootless).',
      '',
    ].join('\n'),
  );
  log(`written to ${options.outFile}`);
}

/** Says in numbers when a peer target asks for more than the floor itself (which verifies nothing) does. */
function floorNote(row: SpeedRow): string[] {
  if (!row.floor) return [];
  const needed = row.peer.ms / row.peer.target;
  if (needed >= row.floor.ms) return [];
  return [
    `${row.operation}: ${row.peer.target}× ${row.peer.name} means ${(needed / 1000).toFixed(2)} s, faster than ${row.floor.name} itself (${(row.floor.ms / 1000).toFixed(2)} s, nothing verified): the target is above what writing these files on this disk allows.`,
    '',
  ];
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
