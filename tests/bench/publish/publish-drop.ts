import type { PublishKind, PublishOptions } from '../../../shared/contract';
import { DropAllowList, takeDroppedPaths } from '../../../electron/app/dropped-paths';
import { createRegistry } from '../../../electron/oci/registry';
import { TransferScheduler } from '../../../electron/oci/scheduler/transfer-scheduler';
import { createPublishService } from '../../../electron/publish/publish-service';
import { SavedRegistry } from '../../../electron/registries/saved-registry';
import { createTransferService } from '../../../electron/transfers/transfer-service';
import { TRANSFER_LIMITS } from '../../../electron/catalog/catalog-scheduler';

/** One publish as a drop makes it: dropped paths → publish.open → publish.preview → publish.start → pushed. */
export interface PublishDropJob {
  baseUrl: string;
  repository: string;
  tag: string;
  kind: PublishKind;
  paths: string[];
  /** The app's data folder (drafts keep packed folders here). */
  dataDir: string;
}

export interface PublishDropTimes {
  /** Drop to plan ready: open (walk, detect) and preview (hash, pack a folder). */
  prepareMs: number;
  /** The open part of prepareMs (walk, detect). */
  openMs: number;
  /** The layers' bytes as pushed (a packed folder: its .tar.gz). */
  layerBytes: number;
  /** publish.start to the transfer done: what the push executor does. */
  pushMs: number;
  check: string;
}

const noEvents = { emit: () => undefined };

/**
 * The services as createServices wires them (one scheduler with the app's limits, the transfer
 * queue, the publish service), with the Electron drop allow-list in front: the code a drop runs.
 */
export async function publishDrop(job: PublishDropJob): Promise<PublishDropTimes> {
  const registry = createRegistry({ baseUrl: job.baseUrl });
  const saved = SavedRegistry.parse({ id: 'bench', name: 'bench', url: job.baseUrl, host: new URL(job.baseUrl).host, kind: 'generic' });
  const scheduler = new TransferScheduler(TRANSFER_LIMITS);
  const transfers = createTransferService({ events: noEvents, scheduler });
  const drops = new DropAllowList();
  const publish = createPublishService({
    registries: { get: (id) => (id === saved.id ? saved : undefined) },
    repositoryFor: async (_id, repository) => registry.repository(repository),
    noteChanged: async () => undefined,
    queue: transfers.queue,
    integration: { takeDropped: (paths) => takeDroppedPaths(drops, paths) },
    dataDir: job.dataDir,
    scheduler,
  });
  const signal = new AbortController().signal;
  try {
    const started = performance.now();
    drops.register(job.paths);
    const draft = await publish.handlers['publish.open']({ sources: job.paths.map((path) => ({ type: 'path' as const, path })) }, { signal });
    const opened = performance.now();
    const options: PublishOptions = { draftId: draft.draftId, registryId: saved.id, repository: job.repository, tags: [job.tag], kind: job.kind, created: { mode: 'off' } };
    const preview = await publish.handlers['publish.preview'](options, { signal });
    if (preview.problems.length > 0) throw new Error(`the preview has problems: ${preview.problems.join(' ')}`);
    const prepared = performance.now();
    const { transferId } = await publish.handlers['publish.start'](options, { signal });
    await transfers.queue.settled(transferId);
    const pushed = performance.now();
    const view = transfers.queue.view(transferId);
    if (view?.state !== 'done') throw new Error(`the publish ended ${view?.state ?? 'nowhere'}: ${view?.error?.message ?? ''}`);
    if (view.result?.digest !== preview.digest) throw new Error(`pushed ${view.result?.digest ?? '?'}, previewed ${preview.digest}`);
    const sent = view.counts.done ?? 0;
    return { prepareMs: prepared - started, openMs: opened - started, pushMs: pushed - prepared, layerBytes: preview.layers.reduce((sum, layer) => sum + layer.size, 0), check: `${preview.layers.length} layer(s), ${sent} item(s) sent, ${preview.digest}` };
  } finally {
    await publish.close();
  }
}
