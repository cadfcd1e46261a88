import { ContractError } from '../../../shared/contract';
import { assertDigest } from '../reference/digest';
import type { ManifestStore } from '../manifests/manifest-store';
import type { Descriptor, ImageIndex } from '../manifests/manifest-types';
import { OCI_INDEX } from '../manifests/media-types';

const MAX_WRITE_ATTEMPTS = 3;

/** The fallback tag holding the referrers of `digest`: `sha256-<hex>`. */
export function referrersTag(digest: string): string {
  return assertDigest(digest).replace(':', '-');
}

function isNotFound(error: unknown): boolean {
  return (error instanceof ContractError && error.code === 'not-found') || (error as { status?: number }).status === 404;
}

async function readFallbackIndex(store: ManifestStore, subject: string, signal?: AbortSignal): Promise<{ index: ImageIndex; etag?: string } | undefined> {
  try {
    const fetched = await store.fetch(referrersTag(subject), signal);
    if (fetched.parsed.kind !== 'index') throw new ContractError('network', `The tag ${referrersTag(subject)} should hold an index of referrers but holds an image manifest.`);
    return { index: fetched.parsed.index, ...(fetched.etag ? { etag: fetched.etag } : {}) };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Reads the referrers of `subject` from the tag schema; an absent tag means none. */
export async function readReferrersByTag(store: ManifestStore, subject: string, signal?: AbortSignal): Promise<Descriptor[]> {
  return (await readFallbackIndex(store, subject, signal))?.index.manifests ?? [];
}

/**
 * Read-modify-write of the fallback index: adds or removes one referrer, with If-Match when the
 * registry gave an ETag, and a few retries when someone else wrote in between (412).
 */
export async function updateReferrersByTag(
  store: ManifestStore,
  subject: string,
  change: { add?: Descriptor; removeDigest?: string },
  signal?: AbortSignal,
): Promise<Descriptor | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = await readFallbackIndex(store, subject, signal);
    const manifests = current?.index.manifests ?? [];
    let next = manifests.filter((d) => d.digest !== change.removeDigest);
    if (change.add && !next.some((d) => d.digest === change.add!.digest)) next = [...next, change.add];
    if (next.length === manifests.length && next.every((d, i) => d === manifests[i])) return undefined;
    try {
      return await store.pushIndex({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: next }, referrersTag(subject), {
        ...(signal ? { signal } : {}),
        ...(current?.etag ? { ifMatch: current.etag } : {}),
      });
    } catch (error) {
      if (attempt < MAX_WRITE_ATTEMPTS && (error as { status?: number }).status === 412) continue;
      throw error;
    }
  }
}
