import type { TransferResult } from '../../shared/contract/transfers';
import { createLogger } from '../log/logger';
import { short } from '../oci/blobs/blob-verifier';
import type { TransferItemSpec, TransferJob } from '../transfers/transfer-job';
import { blobItemId, copyBlobs, type CopyEnds } from './copy-blobs';
import type { CopyGraph } from './copy-graph';
import { copyManifests, manifestItemId } from './copy-manifests';

export interface CopyJobSpec {
  graph: CopyGraph;
  ends: CopyEnds;
  title: string;
  registryId: string;
  repository: string;
  /** Tags the root gets at the destination (none: by digest only). */
  tags: string[];
  /** `host/repository` of the destination, for the result's reference. */
  destinationName: string;
  /** After everything landed (refresh the catalog); a failure here is logged, not the copy's. */
  onDone?: (result: TransferResult) => void | Promise<void>;
}

const log = createLogger('copy');

/**
 * A copy as a transfer: one item per blob and per manifest. Blobs first (several at once), then
 * manifests children-first, then tags. A retry runs the same graph again: items that landed are
 * left alone, and the destination's HEAD skips anything else it already has.
 */
export function createCopyJob(spec: CopyJobSpec): TransferJob {
  const { graph, ends } = spec;
  const items: TransferItemSpec[] = [
    ...graph.blobs.map((blob) => ({ id: blobItemId(blob.digest), name: blobName(blob.mediaType, blob.digest), size: blob.size, digest: blob.digest })),
    ...graph.manifests.map((node) => ({ id: manifestItemId(node.descriptor.digest), name: node.label, size: node.bytes.length, digest: node.descriptor.digest })),
  ];
  return {
    kind: 'copy',
    title: spec.title,
    registryId: spec.registryId,
    repository: spec.repository,
    items,
    async run(ctx) {
      await copyBlobs(graph.blobs, ends, ctx);
      ctx.signal.throwIfAborted();
      await copyManifests(graph, spec.tags, ends, ctx);
      const result: TransferResult = {
        registryId: spec.registryId,
        repository: spec.repository,
        digest: graph.root.digest,
        mediaType: graph.root.mediaType,
        reference: `${spec.destinationName}@${graph.root.digest}`,
        tags: spec.tags,
        summary: summary(graph),
      };
      try {
        await spec.onDone?.(result);
      } catch (error) {
        log.error(`after copying ${result.reference}`, error);
      }
      return result;
    },
  };
}

function blobName(mediaType: string, digest: string): string {
  const kind = /config/i.test(mediaType) ? 'config' : 'layer';
  return `${kind} ${short(digest)}`;
}

function summary(graph: CopyGraph): string[] {
  const lines = [`${graph.manifests.length} manifest(s) and ${graph.blobs.length} blob(s), every digest kept.`];
  const referrers = graph.manifests.filter((m) => m.subject !== undefined || m.tags.length > 0).length;
  if (referrers > 0) lines.push(`${referrers} referrer(s) (signatures, SBOMs, attestations) copied with it.`);
  if (graph.foreign.length > 0) lines.push(`${graph.foreign.length} non-distributable layer(s) left where their URLs point, as registries do.`);
  return lines;
}
