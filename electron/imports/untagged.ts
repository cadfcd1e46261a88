import type { Descriptor } from '../oci/manifests/manifest-types';
import { parseManifest } from '../oci/manifests/parse-manifest';
import { MAX_MANIFEST_BYTES } from '../oci/read-bounded';
import type { OpenedBlobs } from './opened-blobs';

/**
 * A manifest index.json lists without a name (buildkit's `type=oci` without `name=`, an `oras`
 * push by digest) has no tag to be listed by. It is listed under `untagged-<first 16 hex of its
 * digest>`, a name no tool writes; a real tag of that name wins. Referrers (manifests with a
 * `subject`) are left out: they show with their subject.
 */
export const UNTAGGED_PREFIX = 'untagged-';
const UNTAGGED = /^untagged-([0-9a-f]{16})$/;
/** Beyond this many untagged entries in one repository, the rest are reachable by digest only. */
export const MAX_UNTAGGED_LISTED = 10_000;

export function untaggedName(digest: string): string {
  return `${UNTAGGED_PREFIX}${digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 17)}`;
}

/** The untagged entry a listed name stands for. */
export function untaggedEntry(name: string, untagged: readonly Descriptor[]): Descriptor | undefined {
  const hex = UNTAGGED.exec(name)?.[1];
  return hex === undefined ? undefined : untagged.find((entry) => entry.digest.slice(entry.digest.indexOf(':') + 1).startsWith(hex));
}

/** Untagged entries that are not referrers, by listed name; what each says about a subject is kept by digest. */
export async function untaggedNames(untagged: readonly Descriptor[], blobs: OpenedBlobs, subjects: Map<string, boolean>, signal?: AbortSignal): Promise<string[]> {
  const names: string[] = [];
  for (const entry of untagged.slice(0, MAX_UNTAGGED_LISTED)) {
    let referrer = subjects.get(entry.digest);
    if (referrer === undefined) {
      referrer = await hasSubject(entry, blobs, signal);
      subjects.set(entry.digest, referrer);
    }
    if (!referrer) names.push(untaggedName(entry.digest));
  }
  return names;
}

async function hasSubject(entry: Descriptor, blobs: OpenedBlobs, signal?: AbortSignal): Promise<boolean> {
  if (entry.size > MAX_MANIFEST_BYTES) return false;
  try {
    const parsed = parseManifest(await blobs.fetchBytes(entry, signal), entry.mediaType);
    return (parsed.kind === 'manifest' ? parsed.manifest.subject : parsed.index.subject) !== undefined;
  } catch {
    return false; // listed, so opening it says what is wrong
  }
}
