import type { TransferResult } from '../../../shared/contract/transfers';
import { createLogger } from '../../log/logger';
import { canonicalManifest } from '../../oci/manifests/canonical-json';
import { OCI_MANIFEST } from '../../oci/manifests/media-types';
import type { ImageManifest } from '../../oci/manifests/manifest-types';
import type { TransferScheduler } from '../../oci/scheduler/transfer-scheduler';
import type { ArtifactRepository } from '../../oci/storage';
import { LANDED } from '../item-list';
import type { PushPlan } from '../push-plan';
import type { TransferContext, TransferItemSpec, TransferJob } from '../transfer-job';
import { checkManifestBlobs, checkPlan } from './plan-check';
import { pushPlannedBlob, type BlobTarget } from './push-blob';
import { pushTagged } from './push-manifest';

export interface PushJobDeps {
  repository: ArtifactRepository;
  scheduler: TransferScheduler;
  /** Registry host (`host[:port]`): the scheduler's per-host key and the result's reference. */
  host: string;
  /** After the manifest landed (refresh the catalog, notify); a failure here is logged, not the push's. */
  onDone?: (result: TransferResult) => void | Promise<void>;
}

const MANIFEST_ITEM = 'manifest';
const log = createLogger('push');

/**
 * A publish as a transfer: every planned blob (several at once, through the shared scheduler),
 * then the manifest under the first tag (with the referrers fallback for a subject), then the same
 * bytes under each other tag. Nothing of the manifest is sent unless every blob landed; a retry
 * sends only the blobs that did not land.
 */
export function createPushJob(plan: PushPlan, deps: PushJobDeps): TransferJob {
  const { tags } = checkPlan(plan);
  const target: BlobTarget = { repository: deps.repository, scheduler: deps.scheduler, host: deps.host };
  const items: TransferItemSpec[] = plan.blobs.map((blob, index) => ({ id: blobItemId(index), name: blob.name, size: blob.descriptor.size, digest: blob.descriptor.digest }));
  items.push({ id: MANIFEST_ITEM, name: 'manifest', size: manifestBytes(plan.manifest).length });

  return {
    kind: 'publish',
    title: plan.title,
    registryId: plan.registryId,
    repository: plan.repository,
    items,
    async run(ctx) {
      const manifest = plan.refresh ? await plan.refresh() : plan.manifest;
      checkManifestBlobs(manifest, plan.blobs);
      await pushBlobs(plan, target, ctx);
      ctx.signal.throwIfAborted();
      const manifestItem = ctx.item(MANIFEST_ITEM);
      manifestItem.start();
      const descriptor = await pushTagged(deps, manifest, manifestBytes(manifest), tags, ctx.signal);
      manifestItem.progress(descriptor.size);
      manifestItem.finish('done');
      const result: TransferResult = {
        registryId: plan.registryId,
        repository: plan.repository,
        digest: descriptor.digest,
        mediaType: descriptor.mediaType,
        reference: `${deps.host}/${plan.repository}@${descriptor.digest}`,
        tags,
      };
      try {
        await deps.onDone?.(result);
      } catch (error) {
        log.error(`after publishing ${result.reference}`, error);
      }
      return result;
    },
  };
}

/**
 * Pushes the blobs that have not landed, several at once. The first failure is the one reported:
 * blobs still waiting for the scheduler do not start, blobs already uploading finish (cutting them
 * would strand half-written sessions on registries such as Distribution 2.8, and what lands is not
 * sent again on retry). The same digest twice in a plan is sent once.
 */
async function pushBlobs(plan: PushPlan, target: BlobTarget, ctx: TransferContext): Promise<void> {
  const stop = new AbortController();
  const signals = { waiting: AbortSignal.any([ctx.signal, stop.signal]), running: ctx.signal };
  const byDigest = new Map<string, Promise<unknown>>();
  let firstFailure: { error: unknown } | undefined;
  const tasks = plan.blobs.map(async (blob, index) => {
    const item = ctx.item(blobItemId(index));
    if (LANDED.has(item.state)) return;
    const digest = blob.descriptor.digest;
    try {
      const same = byDigest.get(digest);
      if (same) {
        await same;
        item.finish('exists', 'same content as another file of this artifact');
        return;
      }
      const pushed = pushPlannedBlob(blob, item, target, signals);
      byDigest.set(digest, pushed);
      await pushed;
    } catch (error) {
      if (ctx.signal.aborted) return;
      if (firstFailure === undefined) {
        firstFailure = { error };
        item.finish('failed', error instanceof Error ? error.message : undefined);
        stop.abort(new DOMException('Another blob failed.', 'AbortError'));
      } else if (stop.signal.aborted && error instanceof Error && error.name === 'AbortError') {
        item.finish('cancelled', 'not sent: another file failed');
      } else {
        item.finish('failed', error instanceof Error ? error.message : undefined);
      }
    }
  });
  await Promise.all(tasks);
  ctx.signal.throwIfAborted();
  if (firstFailure) throw firstFailure.error;
}

function blobItemId(index: number): string {
  return `blob-${index}`;
}

function manifestBytes(manifest: ImageManifest): Buffer {
  return canonicalManifest({ ...manifest, mediaType: manifest.mediaType ?? OCI_MANIFEST });
}
