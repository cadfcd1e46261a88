import { tagSchemaTagFor, type KindId } from '../../../shared/artifacts';
import { ContractError } from '../../../shared/contract';
import { toContractError } from '../../oci';
import { assertDigest } from '../../oci/reference/digest';
import type { SavedRegistry } from '../../registries/saved-registry';
import { mergeReferrers } from '../classify/repository-referrers';
import type { RegistryCatalog } from '../registry-catalog';

/** More tags than this are not each resolved to find the ones on a digest: the delete is refused instead. */
export const MAX_RESOLVED_TAGS = 2000;

/** Everything a delete removes, for the confirmation to name. */
export interface DeletePlan {
  repository: string;
  digest: string;
  /** Every tag on the digest (a registry removes them with it). */
  tags: string[];
  /** Referrers that go too (signatures, SBOMs, attestations), when asked for. */
  referrers: { digest: string; kind: KindId; tags: string[] }[];
}

/** Registries whose API cannot delete, with where to do it instead. */
export function deleteRefusal(saved: SavedRegistry, repository: string): string | undefined {
  if (saved.kind === 'dockerhub') {
    return `Docker Hub's registry API has no delete. Delete it on Docker Hub's web page instead: https://hub.docker.com/repository/docker/${repository}/tags`;
  }
  return undefined;
}

/** The tags on `digest` and, if asked, its referrers with the tags that name them (cosign tags, the `sha256-…` index). */
export async function planDelete(catalog: RegistryCatalog, repository: string, digest: string, withReferrers: boolean, signal?: AbortSignal): Promise<DeletePlan> {
  assertDigest(digest);
  const listing = await catalog.tags(repository, true, signal);
  if (listing.tags.length > MAX_RESOLVED_TAGS) {
    throw new ContractError('invalid-input', `${repository} has ${listing.tags.length} tags, too many to find every one on this digest; delete it with the registry's own tools.`);
  }
  const tags: string[] = [];
  for (const tag of listing.tags) {
    if ((await catalog.resolve(repository, tag, true, signal)) === digest) tags.push(tag);
  }
  const referrers: DeletePlan['referrers'] = [];
  if (withReferrers) {
    const byTag = await catalog.referrers(repository, listing, signal);
    const entries = mergeReferrers(await catalog.apiReferrers(repository, digest, signal), byTag.get(digest) ?? []);
    const seen = new Map<string, DeletePlan['referrers'][number]>();
    for (const entry of entries) {
      const target = entry.digest ?? (entry.tag ? await catalog.resolve(repository, entry.tag, true, signal).catch(() => undefined) : undefined);
      if (!target || target === digest) continue;
      const known = seen.get(target) ?? { digest: target, kind: entry.kind, tags: [] };
      if (entry.tag && !known.tags.includes(entry.tag)) known.tags.push(entry.tag);
      seen.set(target, known);
    }
    const schemaTag = tagSchemaTagFor(digest);
    if ((listing.referrerTags[digest] ?? []).includes(schemaTag)) {
      const index = await catalog.resolve(repository, schemaTag, true, signal).catch(() => undefined);
      if (index) seen.set(index, { digest: index, kind: 'other', tags: [schemaTag] });
    }
    referrers.push(...seen.values());
  }
  return { repository, digest, tags, referrers };
}

/** Deletes referrers first (nothing is left describing a missing subject), then the digest with all its tags. */
export async function deletePlanned(catalog: RegistryCatalog, plan: DeletePlan, signal?: AbortSignal): Promise<void> {
  const manifests = catalog.repository(plan.repository).manifests();
  for (const referrer of plan.referrers) {
    signal?.throwIfAborted();
    await manifests.delete(referrer.digest, signal).catch((error: unknown) => {
      if (toContractError(error).code === 'not-found') return;
      throw error;
    });
  }
  await manifests.delete(plan.digest, signal);
}
