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
import { measured, runChild } from '../child-measure';

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

runChild(async (): Promise<DownloadChildReport> => {
  const job = JSON.parse(process.argv[2] ?? '') as DownloadJob;
  await mkdir(join(job.dataDir), { recursive: true });
  const { value: check, ...measure } = await measured(() => download(job));
  return { ...measure, check };
}, true);
