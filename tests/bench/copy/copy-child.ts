// A measuring child for the copy suite: runs one copy as the app does (copy.start on the real
// transfer queue, then waits for it to settle) and prints one JSON line with its time, memory
// high-water mark and what happened to the blobs, so nothing else in the bench inflates the RSS.
import { createTransferScheduler } from '../../../electron/catalog/catalog-scheduler';
import { createCopyService } from '../../../electron/copy/copy-service';
import { createRegistry, type Registry } from '../../../electron/oci/registry';
import { SavedRegistry } from '../../../electron/registries/saved-registry';
import { createTransferService } from '../../../electron/transfers/transfer-service';
import { measured, runChild } from '../child-measure';

export interface CopyJob {
  from: { baseUrl: string; host: string; repository: string };
  to: { baseUrl: string; host: string; repository: string };
  tag: string;
}

export interface CopyChildReport {
  ms: number;
  peakRssBytes: number;
  baselineRssBytes: number;
  /** Items per state (`done`, `mounted`, `exists`): proof of what the copy did. */
  counts: Partial<Record<string, number>>;
}

const ctx = {} as never;

async function copy(job: CopyJob): Promise<CopyChildReport['counts']> {
  const events = { emit: () => undefined };
  const scheduler = createTransferScheduler();
  const transfers = createTransferService({ events, scheduler });
  // Same base URL: one saved registry (a mount); otherwise two.
  const same = job.from.baseUrl === job.to.baseUrl;
  const ids = { from: 'a', to: same ? 'a' : 'b' };
  const saved = (id: string, end: CopyJob['from']) => SavedRegistry.parse({ id, name: id, url: end.baseUrl, host: end.host, kind: 'generic' });
  const registries = new Map<string, { saved: SavedRegistry; registry: Registry }>([
    [ids.from, { saved: saved(ids.from, job.from), registry: createRegistry({ baseUrl: job.from.baseUrl }) }],
    [ids.to, { saved: saved(ids.to, job.to), registry: createRegistry({ baseUrl: job.to.baseUrl }) }],
  ]);
  const service = createCopyService({
    registries: { get: (id: string) => registries.get(id)?.saved },
    repositoryFor: async (id, repository) => (registries.get(id) as { registry: Registry }).registry.repository(repository),
    queue: transfers.queue,
    scheduler,
  });
  const { transferId } = await service.handlers['copy.start'](
    { from: { registryId: ids.from, repository: job.from.repository, reference: job.tag }, to: { registryId: ids.to, repository: job.to.repository }, referrers: true },
    ctx,
  );
  await transfers.queue.settled(transferId);
  const view = (await transfers.handlers['transfers.list']({}, ctx)).find((t) => t.id === transferId);
  if (view?.state !== 'done') throw new Error(`the copy ended ${view?.state ?? 'unknown'}: ${view?.error?.message ?? ''}`);
  return view.counts;
}

runChild(async (): Promise<CopyChildReport> => {
  const job = JSON.parse(process.argv[2] ?? '') as CopyJob;
  const { value: counts, ...measure } = await measured(() => copy(job));
  return { ...measure, counts };
}, true);
