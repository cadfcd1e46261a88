import { ContractError } from '../../shared/contract';
import type { Descriptor, ImageIndex } from '../oci/manifests/manifest-types';
import { OCI_INDEX } from '../oci/manifests/media-types';
import { canonicalIndex } from '../oci/manifests/canonical-json';
import { referrersTag } from '../oci/referrers/tag-schema';
import type { ArtifactRepository } from '../oci/storage';

/**
 * Makes copied referrers findable at the destination. A registry with the referrers API, and
 * Local, find them by their `subject` once pushed; one without (Distribution 2.8) needs them in
 * the subject's `sha256-<hex>` index, which is added to here (read, add what is missing, write),
 * as oras-go does when it pushes a manifest with a subject.
 */
export async function makeFindable(destination: ArtifactRepository, subject: string, referrers: readonly Descriptor[], signal?: AbortSignal): Promise<void> {
  const listed = new Set((await destination.referrers(subject, signal ? { signal } : {})).map((d) => d.digest));
  const missing = referrers.filter((d) => !listed.has(d.digest));
  if (missing.length === 0) return;
  const tag = referrersTag(subject);
  const manifests = destination.manifests();
  let current: Descriptor[] = [];
  if (await manifests.exists(tag, signal)) {
    const fetched = await manifests.fetch(tag, signal);
    if (fetched.parsed.kind !== 'index') throw new ContractError('invalid-input', `The destination's tag ${tag} should hold an index of referrers but holds an image manifest; remove it and copy again.`);
    current = fetched.parsed.index.manifests;
  }
  const index: ImageIndex = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...current, ...missing.filter((d) => !current.some((c) => c.digest === d.digest))] };
  await manifests.push(canonicalIndex(index), OCI_INDEX, tag, signal ? { signal } : {});
}
