// A measuring child for the download suite: runs one download as the app does (downloads.start on
// the real transfer queue, then waits for it to settle) and prints one JSON line with its time and
// memory high-water mark, so nothing else in the bench inflates the RSS.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DownloadMode } from '../../../shared/contract';
import { createTransferScheduler } from '../../../electron/catalog/catalog-scheduler';
import { createDownloadService } from '../../../electron/download/download-service';
import { createRegistry } from '../../../electron/oci/registry';
import { createTransferService } from '../../../electron/transfers/transfer-service';

export interface DownloadJob {
  baseUrl: string;
  host: string;
  repository: string;
  tag: string;
  mode: DownloadMode;
  folder: string;
  dataDir: string;
}

export interface DownloadChildReport {
  ms: number;
  peakRssBytes: number;
  baselineRssBytes: number;
  /** The summary's first line ("N files written, …"): proof the download did its work. */
  check: string;
}

const SAMPLE_MS = 20;
const ctx = {} as never;

async function download(job: DownloadJob): Promise<string> {
  const events = { emit: () => undefined };
  const scheduler = createTransferScheduler();
  const transfers = createTransferService({ events, scheduler });
  const registry = createRegistry({ baseUrl: job.baseUrl });
  const service = createDownloadService({
    registries: { get: (id: string) => (id === 'bench' ? ({ id, host: job.host } as never) : undefined) },
    repositoryFor: async (_id, repository) => registry.repository(repository),
    queue: transfers.queue,
    integration: {},
    dataDir: job.dataDir,
    events,
    scheduler,
  });
  await mkdir(job.folder, { recursive: true });
  const { transferId } = await service.handlers['downloads.start']({ registryId: 'bench', repository: job.repository, reference: job.tag, mode: job.mode, folder: job.folder, conflicts: 'replace' }, ctx);
  await transfers.queue.settled(transferId);
  const view = (await transfers.handlers['transfers.list']({}, ctx)).find((t) => t.id === transferId);
  if (view?.state !== 'done') throw new Error(`the download ended ${view?.state ?? 'unknown'}: ${view?.error?.message ?? ''}`);
  return view.result?.summary?.[0] ?? '';
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as DownloadJob;
  await mkdir(join(job.dataDir), { recursive: true });
  const baselineRssBytes = process.memoryUsage.rss();
  let sampled = baselineRssBytes;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, SAMPLE_MS);
  const started = performance.now();
  const check = await download(job);
  const ms = performance.now() - started;
  clearInterval(sampler);
  const peakRssBytes = Math.max(sampled, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
  const report: DownloadChildReport = { ms, peakRssBytes, baselineRssBytes, check };
  process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
