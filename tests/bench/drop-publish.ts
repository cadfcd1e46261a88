import type { ArtifactRepository } from '../../electron/oci/storage';
import type { PublishKind, PublishOptions, PublishPreview, TransferView } from '../../shared/contract';
import { DropAllowList, takeDroppedPaths } from '../../electron/app/dropped-paths';
import { TRANSFER_LIMITS } from '../../electron/catalog/catalog-scheduler';
import { TransferScheduler } from '../../electron/oci/scheduler/transfer-scheduler';
import { createPublishService } from '../../electron/publish/publish-service';
import type { SavedRegistry } from '../../electron/registries/saved-registry';
import { createTransferService } from '../../electron/transfers/transfer-service';

/** One drop published to a saved registry, as the app wires it. */
export interface DropPublish {
  saved: SavedRegistry;
  /** The storage the registry pool would hand out for `saved`. */
  repositoryFor: (repository: string) => ArtifactRepository;
  /** The app's data folder (drafts keep packed folders here). */
  dataDir: string;
  paths: readonly string[];
  repository: string;
  tag: string;
  kind: PublishKind;
}

export interface DropPublished {
  /** Drop to draft: publish.open (walk, detect). */
  openMs: number;
  /** Drop to plan ready: open and preview (hash, pack a folder). */
  prepareMs: number;
  /** publish.start to the transfer done: what the push executor does. */
  pushMs: number;
  preview: PublishPreview;
  /** The transfer, done. */
  view: TransferView;
}

const noEvents = { emit: () => undefined };

/**
 * The services as createServices wires them (one scheduler with the app's limits, the transfer
 * queue, the publish service), with the Electron drop allow-list in front: the code a drop runs,
 * from dropped paths through publish.open, publish.preview and publish.start to the transfer done.
 */
export async function publishDropped(drop: DropPublish): Promise<DropPublished> {
  const scheduler = new TransferScheduler(TRANSFER_LIMITS);
  const transfers = createTransferService({ events: noEvents, scheduler });
  const drops = new DropAllowList();
  const publish = createPublishService({
    registries: { get: (id) => (id === drop.saved.id ? drop.saved : undefined) },
    repositoryFor: async (_id, repository) => drop.repositoryFor(repository),
    noteChanged: async () => undefined,
    queue: transfers.queue,
    integration: { takeDropped: (paths) => takeDroppedPaths(drops, paths) },
    dataDir: drop.dataDir,
    scheduler,
  });
  const signal = new AbortController().signal;
  try {
    const started = performance.now();
    drops.register([...drop.paths]);
    const draft = await publish.handlers['publish.open']({ sources: drop.paths.map((path) => ({ type: 'path' as const, path })) }, { signal });
    const opened = performance.now();
    const options: PublishOptions = { draftId: draft.draftId, registryId: drop.saved.id, repository: drop.repository, tags: [drop.tag], kind: drop.kind, created: { mode: 'off' } };
    const preview = await publish.handlers['publish.preview'](options, { signal });
    if (preview.problems.length > 0) throw new Error(`the preview has problems: ${preview.problems.join(' ')}`);
    const prepared = performance.now();
    const { transferId } = await publish.handlers['publish.start'](options, { signal });
    await transfers.queue.settled(transferId);
    const pushed = performance.now();
    const view = transfers.queue.view(transferId);
    if (view?.state !== 'done') throw new Error(`the publish ended ${view?.state ?? 'nowhere'}: ${view?.error?.message ?? ''}`);
    return { openMs: opened - started, prepareMs: prepared - started, pushMs: pushed - prepared, preview, view };
  } finally {
    await publish.close();
  }
}
