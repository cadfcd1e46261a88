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

/** What an index.json entry's manifest says that decides whether it is listed on its own. */
export interface EntryFacts {
  /** It names a `subject`: it shows with its subject. */
  referrer: boolean;
  /** An index's manifests (every platform): they show through their index. */
  children: readonly string[];
}

const INDEX_MEDIA_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

/**
 * Untagged entries that stand on their own, by listed name: not referrers, and not the platforms of
 * an index the repository lists (a layout writer may list those too, so GC keeps them). What each
 * manifest says is kept by digest in `facts`.
 */
export async function untaggedNames(untagged: readonly Descriptor[], tagged: Iterable<Descriptor>, blobs: OpenedBlobs, facts: Map<string, EntryFacts>, signal?: AbortSignal): Promise<string[]> {
  if (untagged.length === 0) return [];
  const factsOf = async (entry: Descriptor): Promise<EntryFacts> => {
    let known = facts.get(entry.digest);
    if (!known) {
      known = await readFacts(entry, blobs, signal);
      facts.set(entry.digest, known);
    }
    return known;
  };
  const listed = untagged.slice(0, MAX_UNTAGGED_LISTED);
  const children = new Set<string>();
  for (const entry of [...tagged, ...listed]) {
    if (INDEX_MEDIA_TYPES.has(entry.mediaType)) for (const child of (await factsOf(entry)).children) children.add(child);
  }
  const names: string[] = [];
  for (const entry of listed) {
    if (children.has(entry.digest) || (await factsOf(entry)).referrer) continue;
    names.push(untaggedName(entry.digest));
  }
  return names;
}

async function readFacts(entry: Descriptor, blobs: OpenedBlobs, signal?: AbortSignal): Promise<EntryFacts> {
  if (entry.size > MAX_MANIFEST_BYTES) return { referrer: false, children: [] };
  try {
    const parsed = parseManifest(await blobs.fetchBytes(entry, signal), entry.mediaType);
    if (parsed.kind === 'manifest') return { referrer: parsed.manifest.subject !== undefined, children: [] };
    return { referrer: parsed.index.subject !== undefined, children: parsed.index.manifests.map((child) => child.digest) };
  } catch {
    return { referrer: false, children: [] }; // listed, so opening it says what is wrong
  }
}
