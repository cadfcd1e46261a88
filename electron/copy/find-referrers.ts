import type { Descriptor } from '../oci/manifests/manifest-types';
import { referrersTag } from '../oci/referrers/tag-schema';
import type { ArtifactRepository } from '../oci/storage';

export interface FoundReferrer {
  descriptor: Descriptor;
  label: string;
  /** Its manifest names the subject (referrers API / tag schema), rather than only a cosign tag. */
  viaSubject: boolean;
  /** Cosign tags that hold it. */
  tags: string[];
}

/** Cosign's tags beside a subject: `sha256-<hex>.sig`, `.att`, `.sbom`. */
export const COSIGN_SUFFIXES = ['sig', 'att', 'sbom'] as const;

/**
 * The referrers of `subject` in the source: those whose manifest names it (the store's referrers
 * call: the API, the tag schema, or Local's index), and cosign's tags, which name no subject.
 * `tags` lists the repository's tags (read once per copy, however many subjects are looked at).
 */
export async function findReferrers(source: ArtifactRepository, subject: string, tags: () => Promise<ReadonlySet<string>>, signal?: AbortSignal): Promise<FoundReferrer[]> {
  const found = new Map<string, FoundReferrer>();
  for (const descriptor of await source.referrers(subject, signal ? { signal } : {})) {
    found.set(descriptor.digest, { descriptor, label: `referrer (${describe(descriptor)})`, viaSubject: true, tags: [] });
  }
  const prefix = referrersTag(subject);
  const tagged = await tags();
  for (const suffix of COSIGN_SUFFIXES) {
    const tag = `${prefix}.${suffix}`;
    if (!tagged.has(tag)) continue;
    const descriptor = await source.resolve(tag, signal);
    const known = found.get(descriptor.digest);
    if (known) known.tags.push(tag);
    else found.set(descriptor.digest, { descriptor, label: `cosign ${suffix}`, viaSubject: false, tags: [tag] });
  }
  return [...found.values()];
}

function describe(descriptor: Descriptor): string {
  const type = descriptor.artifactType ?? '';
  if (/spdx|cyclonedx|sbom/i.test(type)) return 'SBOM';
  if (/signature|cosign|notary/i.test(type)) return 'signature';
  if (/in-toto|attestation|provenance/i.test(type)) return 'attestation';
  return type || 'artifact';
}
