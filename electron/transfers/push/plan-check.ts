import { ContractError } from '../../../shared/contract/errors';
import type { ImageManifest } from '../../oci/manifests/manifest-types';
import { assertDigest } from '../../oci/reference/digest';
import { assertRepository, assertTag } from '../../oci/reference/reference';
import type { PlannedBlob, PushPlan } from '../push-plan';

/**
 * A plan is checked before a byte is sent: names and tags by the grammar, and the manifest's
 * config and layers exactly the planned blobs (a manifest naming a blob we do not send would be
 * refused by the registry after everything else was uploaded).
 */
export function checkPlan(plan: PushPlan): { tags: string[] } {
  assertRepository(plan.repository);
  const tags = [...new Set(plan.tags)].map((tag) => assertTag(tag));
  for (const blob of plan.blobs) {
    assertDigest(blob.descriptor.digest);
    if (!Number.isSafeInteger(blob.descriptor.size) || blob.descriptor.size < 0) {
      throw new ContractError('invalid-input', `${blob.name} has no valid size in the plan.`);
    }
  }
  checkManifestBlobs(plan.manifest, plan.blobs);
  return { tags };
}

/** Every descriptor the manifest names is a planned blob of the same size, and every planned blob is named. */
export function checkManifestBlobs(manifest: ImageManifest, blobs: readonly PlannedBlob[]): void {
  const planned = new Map(blobs.map((blob) => [blob.descriptor.digest, blob.descriptor.size]));
  const named = new Set<string>();
  for (const descriptor of [manifest.config, ...manifest.layers]) {
    const size = planned.get(descriptor.digest);
    if (size === undefined || size !== descriptor.size) {
      throw new ContractError('internal', `The manifest names a blob (${descriptor.digest.slice(0, 19)}…) the plan does not send; pack the files again.`);
    }
    named.add(descriptor.digest);
  }
  for (const blob of blobs) {
    if (!named.has(blob.descriptor.digest)) throw new ContractError('internal', `${blob.name} is in the plan but not in the manifest; pack the files again.`);
  }
}
