import { classifyDescriptor, type KindId, type ReferrerTagGroup } from '../../../shared/artifacts';
import type { Descriptor } from '../../oci';

/** One referrer of an artifact, however it was found; `key` de-duplicates across sources. */
export interface ReferrerEntry {
  key: string;
  kind: KindId;
  source: 'referrers-api' | 'tag-schema' | 'cosign-tag' | 'buildx';
  digest?: string;
  tag?: string;
  descriptor?: Descriptor;
}

const COSIGN_KIND: Record<string, KindId> = { 'cosign-signature': 'signature', 'cosign-attestation': 'attestation', 'cosign-sbom': 'sbom' };

/** Referrers named by cosign's `sha256-<hex>.sig|.att|.sbom` tags. */
export function cosignTagReferrers(group: ReferrerTagGroup): ReferrerEntry[] {
  return group.tags
    .filter((t) => t.kind !== 'tag-schema')
    .map((t) => ({ key: `tag:${t.tag}`, kind: COSIGN_KIND[t.kind] ?? 'other', source: 'cosign-tag' as const, tag: t.tag }));
}

/** Referrers listed in a tag-schema index or by the referrers API, kinds guessed from their descriptors. */
export function descriptorReferrers(list: readonly Descriptor[], source: 'referrers-api' | 'tag-schema'): ReferrerEntry[] {
  return list.map((d) => ({ key: d.digest, kind: classifyDescriptor(d).kind, source, digest: d.digest, descriptor: d }));
}

/** Merges sources; the first of a key wins (API before tag schema before cosign tags). */
export function mergeReferrers(...lists: ReferrerEntry[][]): ReferrerEntry[] {
  const seen = new Map<string, ReferrerEntry>();
  for (const list of lists) for (const entry of list) if (!seen.has(entry.key)) seen.set(entry.key, entry);
  return [...seen.values()];
}
