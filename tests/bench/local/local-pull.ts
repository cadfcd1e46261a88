import { createTransferScheduler } from '../../../electron/catalog/catalog-scheduler';
import { createCopyService } from '../../../electron/copy/copy-service';
import { createRegistry } from '../../../electron/oci/registry';
import { localRegistry, LOCAL_REGISTRY_ID } from '../../../electron/registries/local-registry';
import { SavedRegistry } from '../../../electron/registries/saved-registry';
import { openLocalStore } from '../../../electron/store';
import { createTransferService } from '../../../electron/transfers/transfer-service';

/** An artifact pulled from a registry into Local as the app copies it: copy.start on the transfer queue. */
export interface LocalPullJob {
  kind: 'pull';
  baseUrl: string;
  repository: string;
  tag: string;
  /** The app's data folder: Local lives in `<dataDir>/local`. */
  dataDir: string;
  /** The Local repository it lands in. */
  into: string;
}

const ctx = { signal: new AbortController().signal };

/** Returns the transfer's item counts (done, exists, mounted) and the digest Local now holds. */
export async function pullIntoLocal(job: LocalPullJob): Promise<string> {
  const scheduler = createTransferScheduler();
  const transfers = createTransferService({ events: { emit: () => undefined }, scheduler });
  const remote = SavedRegistry.parse({ id: 'source', name: 'source', url: job.baseUrl, host: new URL(job.baseUrl).host, kind: 'generic' });
  const local = localRegistry(job.dataDir);
  const registry = createRegistry({ baseUrl: job.baseUrl });
  const store = openLocalStore(job.dataDir);
  const service = createCopyService({
    registries: { get: (id) => (id === remote.id ? remote : id === local.id ? local : undefined) },
    repositoryFor: async (id, repository) => (id === LOCAL_REGISTRY_ID ? store.repository(repository) : registry.repository(repository)),
    queue: transfers.queue,
    scheduler,
  });
  const { transferId } = await service.handlers['copy.start'](
    { from: { registryId: remote.id, repository: job.repository, reference: job.tag }, to: { registryId: LOCAL_REGISTRY_ID, repository: job.into }, referrers: true },
    ctx,
  );
  await transfers.queue.settled(transferId);
  const view = transfers.queue.view(transferId);
  if (view?.state !== 'done') throw new Error(`the copy ended ${view?.state ?? 'nowhere'}: ${view?.error?.message ?? ''}`);
  const stored = await store.repository(job.into).resolve(job.tag);
  return `items ${JSON.stringify(view.counts)}, Local holds ${stored.digest}`;
}
