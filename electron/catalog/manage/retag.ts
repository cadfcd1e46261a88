import { ContractError } from '../../../shared/contract';
import type { ArtifactRepository } from '../../oci';
import { assertTag } from '../../oci/reference/reference';

export const MAX_TAGS_AT_ONCE = 50;

/** The tags to add or move, each valid, each once; at least one, at most 50. */
export function checkNewTags(tags: readonly string[]): string[] {
  const unique = [...new Set(tags.map((t) => t.trim()))];
  if (unique.length === 0) throw new ContractError('invalid-input', 'Name at least one tag.');
  if (unique.length > MAX_TAGS_AT_ONCE) throw new ContractError('invalid-input', `At most ${MAX_TAGS_AT_ONCE} tags at once.`);
  return unique.map((t) => assertTag(t));
}

/**
 * Adds tags to an artifact, or moves them onto it from wherever they pointed: its exact manifest
 * bytes pushed again under each tag, which every registry and an image layout accept, so the
 * digest never changes.
 */
export async function retag(repo: ArtifactRepository, reference: string, tags: readonly string[], signal?: AbortSignal): Promise<{ digest: string; tags: string[] }> {
  const wanted = checkNewTags(tags);
  const fetched = await repo.manifests().fetch(reference, signal);
  for (const tag of wanted) {
    signal?.throwIfAborted();
    const stored = await repo.manifests().push(fetched.bytes, fetched.descriptor.mediaType, tag, signal ? { signal } : {});
    if (stored.digest !== fetched.descriptor.digest) throw new ContractError('internal', `The registry stored ${tag} as ${stored.digest}, not ${fetched.descriptor.digest}.`);
  }
  return { digest: fetched.descriptor.digest, tags: wanted };
}
