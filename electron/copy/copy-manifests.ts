import { ContractError } from '../../shared/contract';
import { short } from '../oci/blobs/blob-verifier';
import { toContractError } from '../oci/errors';
import { digestOf } from '../oci/reference/digest';
import { LANDED } from '../transfers/item-list';
import type { TransferContext } from '../transfers/transfer-job';
import type { CopyEnds } from './copy-blobs';
import type { CopyGraph, CopyManifest } from './copy-graph';
import { makeFindable } from './referrer-index';

export function manifestItemId(digest: string): string {
  return `manifest-${digest}`;
}

/**
 * Pushes the manifests in the graph's order (children before parents, referrers after their
 * subject), each as the exact bytes fetched, by digest; then the root under each tag. Called only
 * once every blob landed, so no manifest ever names something the destination lacks.
 */
export async function copyManifests(graph: CopyGraph, tags: readonly string[], ends: CopyEnds, ctx: TransferContext): Promise<void> {
  const { signal } = ctx;
  const run = <T>(task: (signal: AbortSignal) => Promise<T>) => ends.scheduler.run({ host: ends.host, signal }, task);
  for (const node of graph.manifests) {
    const item = ctx.item(manifestItemId(node.descriptor.digest));
    const isRoot = node.descriptor.digest === graph.root.digest;
    if (LANDED.has(item.state)) continue;
    item.start();
    try {
      checkBytes(node);
      const present = await run((s) => ends.destination.manifests().exists(node.descriptor.digest, s));
      if (!present) await run((s) => ends.destination.manifests().push(node.bytes, node.descriptor.mediaType, node.descriptor.digest, { signal: s }));
      for (const tag of [...node.tags, ...(isRoot ? tags : [])]) {
        await run((s) => ends.destination.manifests().push(node.bytes, node.descriptor.mediaType, tag, { signal: s }));
      }
      item.progress(node.bytes.length);
      item.finish(present ? 'exists' : 'done');
    } catch (error) {
      if (signal.aborted) throw error;
      const failure = toContractError(error);
      item.finish('failed', failure.message);
      throw new ContractError(failure.code, `Manifest ${short(node.descriptor.digest)} (${node.label}): ${failure.message}`);
    }
  }
  await findableReferrers(graph, ends, signal);
}

/** Groups referrers by subject and makes each group findable at the destination. */
async function findableReferrers(graph: CopyGraph, ends: CopyEnds, signal: AbortSignal): Promise<void> {
  const bySubject = new Map<string, CopyManifest[]>();
  for (const node of graph.manifests) {
    if (node.subject === undefined) continue;
    bySubject.set(node.subject, [...(bySubject.get(node.subject) ?? []), node]);
  }
  for (const [subject, nodes] of bySubject) {
    const descriptors = nodes.map((node) => referrerEntry(node));
    try {
      await ends.scheduler.run({ host: ends.host, signal }, (s) => makeFindable(ends.destination, subject, descriptors, s));
    } catch (error) {
      if (signal.aborted) throw error;
      const failure = toContractError(error);
      throw new ContractError(failure.code, `The referrers of ${short(subject)} were copied but could not be listed at the destination: ${failure.message}`);
    }
  }
}

/** The descriptor the referrers API would list: artifactType and annotations from the manifest. */
function referrerEntry(node: CopyManifest) {
  const body = JSON.parse(node.bytes.toString('utf8')) as { artifactType?: string; config?: { mediaType?: string }; annotations?: Record<string, string> };
  const artifactType = body.artifactType ?? body.config?.mediaType;
  return {
    mediaType: node.descriptor.mediaType,
    digest: node.descriptor.digest,
    size: node.descriptor.size,
    ...(body.annotations && Object.keys(body.annotations).length > 0 ? { annotations: body.annotations } : {}),
    ...(artifactType ? { artifactType } : {}),
  };
}

/** The bytes held since the graph was read are still the ones whose digest is pushed. */
function checkBytes(node: CopyManifest): void {
  const algorithm = node.descriptor.digest.startsWith('sha512:') ? 'sha512' : 'sha256';
  if (digestOf(node.bytes, algorithm) !== node.descriptor.digest) {
    throw new ContractError('internal', `The manifest ${short(node.descriptor.digest)} changed in memory; the log has the details.`);
  }
}
