import type { Descriptor } from '../../oci';
import type { CachedManifest } from '../cache/manifest-cache';
import type { ConfigDate } from './config-dates';
import { classify, parseJson } from './digest-facts';
import { newer } from './rfc3339';

/**
 * Platforms whose configs are read for an index's date: as many as factsOf reads manifests of.
 * Counted: a single image costs one config GET, an index one per platform (buildx attestation
 * manifests are not platforms and are skipped) — the same number of requests classifying it
 * already made for the platform manifests, each made once ever. Reading only the first
 * platform's config would halve that but could show an older date than the index's newest build.
 */
export const MAX_DATED_PLATFORMS = 16;

function configOf(doc: unknown): Descriptor | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const config = (doc as { config?: unknown }).config;
  if (typeof config !== 'object' || config === null) return undefined;
  const { mediaType, digest, size } = config as Record<string, unknown>;
  if (typeof mediaType !== 'string' || typeof digest !== 'string' || typeof size !== 'number') return undefined;
  return { mediaType, digest, size };
}

function dateOfManifest(doc: unknown, dateOf: (config: Descriptor) => Promise<ConfigDate>): Promise<ConfigDate> {
  const config = configOf(doc);
  return config ? dateOf(config) : Promise.resolve({ problem: 'The image manifest names no config.' });
}

/**
 * When an image was built, from its config's `created`; for a multi-platform index, the newest of
 * its platforms' dates. A platform that fails is skipped when another has a date.
 */
export async function imageCreated(
  manifest: CachedManifest,
  loadChild: (digest: string) => Promise<CachedManifest>,
  dateOf: (config: Descriptor) => Promise<ConfigDate>,
): Promise<ConfigDate> {
  const { doc, classification } = classify(manifest);
  const platforms = classification.platforms ?? [];
  if (platforms.length === 0) return dateOfManifest(doc, dateOf);
  const dates = await Promise.all(
    platforms.slice(0, MAX_DATED_PLATFORMS).map(async (p): Promise<ConfigDate> => {
      let child: CachedManifest;
      try {
        child = await loadChild(p.digest);
      } catch {
        return { problem: 'A platform manifest could not be read.' };
      }
      return dateOfManifest(parseJson(child.bytes), dateOf);
    }),
  );
  let created: string | undefined;
  for (const date of dates) if (date.created) created = created ? newer(created, date.created) : date.created;
  if (created) return { created };
  return { problem: dates.find((d) => d.problem)?.problem ?? 'No platform has a build date.' };
}
