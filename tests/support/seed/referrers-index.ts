import { Bundle } from './content';
import type { Descriptor } from './go-json';
import { packIndex, referrerDescriptor } from './pack';
import type { BuiltArtifact } from './artifacts';

/** The tag-schema fallback tag for referrers of `digest`: `sha256-<hex>`. */
export function referrersTag(digest: string): string {
  return digest.replace(':', '-');
}

/**
 * The index oras writes under `sha256-<hex>` when the registry has no referrers API: one entry per
 * referrer with its artifactType and annotations (distribution-spec 1.1, tag schema).
 */
export function referrersIndex(referrers: BuiltArtifact[]): { bundle: Bundle; index: Descriptor } {
  const bundle = new Bundle();
  const entries = referrers.map((r) => referrerDescriptor(r.manifest, r.artifactType ?? r.config.mediaType, r.annotations));
  const index = packIndex(bundle, entries);
  return { bundle, index };
}
