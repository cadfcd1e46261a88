import type { PublishOptions } from '../../../shared/contract';
import { DropAllowList, takeDroppedPaths } from '../../../electron/app/dropped-paths';
import { TRANSFER_LIMITS } from '../../../electron/catalog/catalog-scheduler';
import { TransferScheduler } from '../../../electron/oci/scheduler/transfer-scheduler';
import { createPublishService } from '../../../electron/publish/publish-service';
import { localRegistry } from '../../../electron/registries/local-registry';
import { openLocalStore } from '../../../electron/store';
import { createTransferService } from '../../../electron/transfers/transfer-service';

/** One file dropped on Local: publish.open → publish.preview → publish.start → stored in the layout. */
export interface LocalPublishJob {
  kind: 'publish';
  /** The app's data folder: Local lives in `<dataDir>/local`, drafts beside it. */
  dataDir: string;
  path: string;
  repository: string;
  tag: string;
}

export interface LocalPublishTimes {
  /** Drop to plan ready: open and preview (the preview hashes the file). */
  prepareMs: number;
  /** publish.start to the transfer done: the push job storing the blob and manifest in the layout. */
  pushMs: number;
  check: string;
}

const noEvents = { emit: () => undefined };

/** The services as createServices wires them for Local (the registry pool's Local store), behind the drop allow-list. */
export async function publishIntoLocal(job: LocalPublishJob): Promise<LocalPublishTimes> {
  const saved = localRegistry(job.dataDir);
  const store = openLocalStore(job.dataDir);
  const scheduler = new TransferScheduler(TRANSFER_LIMITS);
  const transfers = createTransferService({ events: noEvents, scheduler });
  const drops = new DropAllowList();
  const publish = createPublishService({
    registries: { get: (id) => (id === saved.id ? saved : undefined) },
    repositoryFor: async (_id, repository) => store.repository(repository),
    noteChanged: async () => undefined,
    queue: transfers.queue,
    integration: { takeDropped: (paths) => takeDroppedPaths(drops, paths) },
    dataDir: job.dataDir,
    scheduler,
  });
  const signal = new AbortController().signal;
  try {
    const started = performance.now();
    drops.register([job.path]);
    const draft = await publish.handlers['publish.open']({ sources: [{ type: 'path', path: job.path }] }, { signal });
    const options: PublishOptions = { draftId: draft.draftId, registryId: saved.id, repository: job.repository, tags: [job.tag], kind: 'files', created: { mode: 'off' } };
    const preview = await publish.handlers['publish.preview'](options, { signal });
    if (preview.problems.length > 0) throw new Error(`the preview has problems: ${preview.problems.join(' ')}`);
    const prepared = performance.now();
    const { transferId } = await publish.handlers['publish.start'](options, { signal });
    await transfers.queue.settled(transferId);
    const pushed = performance.now();
    const view = transfers.queue.view(transferId);
    if (view?.state !== 'done') throw new Error(`the publish ended ${view?.state ?? 'nowhere'}: ${view?.error?.message ?? ''}`);
    const stored = await store.repository(job.repository).resolve(job.tag);
    if (stored.digest !== preview.digest) throw new Error(`Local holds ${stored.digest} under ${job.tag}, previewed ${preview.digest}`);
    return { prepareMs: prepared - started, pushMs: pushed - prepared, check: `${preview.layers.length} layer(s), ${preview.digest}` };
  } finally {
    await publish.close();
  }
}
