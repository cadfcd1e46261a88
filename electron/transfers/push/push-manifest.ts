import { ContractError } from '../../../shared/contract/errors';
import { toContractError } from '../../oci/errors';
import type { Descriptor, ImageManifest } from '../../oci/manifests/manifest-types';
import { digestOf } from '../../oci/reference/digest';
import { manifestRefusal } from './manifest-refusal';
import type { BlobTarget } from './push-blob';

/**
 * The manifest under the first tag (or by digest when there is none) through `pushManifest`, which
 * also updates the referrers fallback for a subject; then the very same bytes under each other tag.
 */
export async function pushTagged(target: BlobTarget, manifest: ImageManifest, bytes: Buffer, tags: readonly string[], signal: AbortSignal): Promise<Descriptor> {
  const { repository, scheduler, host } = target;
  try {
    const [first, ...others] = tags;
    const descriptor = await scheduler.run({ host, signal }, (taskSignal) => repository.pushManifest(manifest, first, taskSignal));
    if (descriptor.digest !== digestOf(bytes)) {
      throw new ContractError('internal', 'The manifest sent differs from the one previewed; the log has the details.');
    }
    for (const tag of others) {
      await scheduler.run({ host, signal }, (taskSignal) => repository.manifests().push(bytes, descriptor.mediaType, tag, { signal: taskSignal }));
    }
    return descriptor;
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw manifestRefusal(error, manifest, bytes.length, host) ?? toContractError(error);
  }
}
