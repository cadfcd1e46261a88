import type { Descriptor } from '../oci/manifests/manifest-types';
import { assertDigest } from '../oci/reference/digest';
import type { ReferrersOptions } from '../oci/referrers/referrers';
import { referrerDescriptor } from '../oci/repository';
import type { ManifestFacts } from './layout-context';
import { MAX_CACHED_FACTS } from './layout-context';
import type { LayoutIndex } from './layout-index';
import type { ManifestStorage } from '../oci/storage';

/** Manifest facts by digest, shared by every repository of a store (an opened layout uses it too). */
export interface FactsCache {
  readonly facts: Map<string, ManifestFacts>;
}

/** The most index entries read to find referrers: beyond it a huge repository is only partly scanned. */
export const MAX_REFERRER_SCAN = 20_000;

/**
 * Referrers of `subject` in an image layout, which has no referrers API: every manifest the index
 * lists is read once (its facts are kept by digest, which never changes) and those whose `subject`
 * is the digest are returned as the referrers API would list them.
 */
export async function layoutReferrers(
  context: FactsCache,
  index: LayoutIndex,
  manifests: Pick<ManifestStorage, 'fetch'>,
  subject: string,
  options: ReferrersOptions = {},
): Promise<Descriptor[]> {
  assertDigest(subject, 'subject digest');
  const seen = new Set<string>();
  const out: Descriptor[] = [];
  for (const entry of index.manifests) {
    if (seen.has(entry.digest) || entry.digest === subject) continue;
    if (seen.size >= MAX_REFERRER_SCAN) break;
    seen.add(entry.digest);
    options.signal?.throwIfAborted();
    const facts = await factsOf(context, manifests, entry.digest, options.signal);
    if (!facts || facts.subject !== subject) continue;
    if (options.artifactType !== undefined && facts.artifactType !== options.artifactType) continue;
    out.push({
      ...facts.descriptor,
      ...(facts.annotations ? { annotations: facts.annotations } : {}),
      ...(facts.artifactType ? { artifactType: facts.artifactType } : {}),
    });
  }
  return out;
}

async function factsOf(context: FactsCache, manifests: Pick<ManifestStorage, 'fetch'>, digest: string, signal?: AbortSignal): Promise<ManifestFacts | undefined> {
  const known = context.facts.get(digest);
  if (known) return known;
  let fetched;
  try {
    fetched = await manifests.fetch(digest, signal);
  } catch {
    return undefined; // a damaged entry is reported where it is opened, not while looking for referrers
  }
  const parsed = fetched.parsed;
  const body = parsed.kind === 'manifest' ? parsed.manifest : parsed.index;
  const described =
    parsed.kind === 'manifest'
      ? referrerDescriptor(parsed.manifest, fetched.descriptor)
      : { ...fetched.descriptor, ...(body.annotations ? { annotations: body.annotations } : {}), ...(body.artifactType ? { artifactType: body.artifactType } : {}) };
  const facts: ManifestFacts = {
    descriptor: { mediaType: fetched.descriptor.mediaType, digest, size: fetched.descriptor.size },
    ...(body.subject ? { subject: body.subject.digest } : {}),
    ...(described.artifactType ? { artifactType: described.artifactType } : {}),
    ...(described.annotations ? { annotations: described.annotations } : {}),
  };
  if (context.facts.size >= MAX_CACHED_FACTS) context.facts.delete(context.facts.keys().next().value as string);
  context.facts.set(digest, facts);
  return facts;
}
