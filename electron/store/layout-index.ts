import { isDigest } from '../oci/reference/digest';
import { tagProblem } from '../oci/reference/reference';
import type { Descriptor } from '../oci/manifests/manifest-types';
import { OCI_INDEX } from '../oci/manifests/media-types';
import { LayoutDamaged } from './layout-errors';
import { INDEX_FILE } from './layout-paths';

/** The annotation an image layout's index.json names tags with (skopeo, oras, umoci, containerd). */
export const REF_NAME = 'org.opencontainers.image.ref.name';
/** index.json is read whole: far beyond 100,000 tags' worth, still bounded. */
export const MAX_INDEX_BYTES = 64 * 1024 * 1024;
export const MAX_INDEX_ENTRIES = 200_000;

/** index.json as read: its entries, and every other top-level field kept for writing back. */
export interface LayoutIndex {
  fields: Record<string, unknown>;
  manifests: Descriptor[];
}

export function emptyIndex(): LayoutIndex {
  return { fields: { schemaVersion: 2, mediaType: OCI_INDEX }, manifests: [] };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and checks index.json; anything malformed is reported as damage, naming the entry. */
export function parseIndex(bytes: Buffer, repository: string): LayoutIndex {
  const damaged = (problem: string) => new LayoutDamaged(repository, INDEX_FILE, problem);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged('is not valid JSON');
  }
  if (!isRecord(json)) throw damaged('is not a JSON object');
  if (json.schemaVersion !== 2) throw damaged(`has schemaVersion ${JSON.stringify(json.schemaVersion)?.slice(0, 20)}, not 2`);
  if (!Array.isArray(json.manifests)) throw damaged('has no "manifests" list');
  if (json.manifests.length > MAX_INDEX_ENTRIES) throw damaged(`lists ${json.manifests.length} manifests, more than the ${MAX_INDEX_ENTRIES} Stevedore reads`);
  const manifests = json.manifests.map((entry, i) => {
    const problem = descriptorProblem(entry);
    if (problem) throw damaged(`has an invalid entry manifests[${i}]: ${problem}`);
    return entry as Descriptor;
  });
  const { manifests: _dropped, ...fields } = json;
  return { fields, manifests };
}

function descriptorProblem(v: unknown): string | undefined {
  if (!isRecord(v)) return 'not an object';
  if (typeof v.mediaType !== 'string' || v.mediaType.length === 0 || v.mediaType.length > 255) return 'no valid mediaType';
  if (!isDigest(v.digest)) return 'no valid digest';
  if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0) return 'no valid size';
  if (v.annotations !== undefined && (!isRecord(v.annotations) || !Object.values(v.annotations).every((a) => typeof a === 'string'))) return 'annotations that are not strings';
  return undefined;
}

export function serializeIndex(index: LayoutIndex): Buffer {
  return Buffer.from(JSON.stringify({ schemaVersion: 2, ...index.fields, manifests: index.manifests }));
}

/** The entry's tag, when its ref name is a plain tag (other tools may store full references there). */
export function tagOf(entry: Descriptor): string | undefined {
  const name = entry.annotations?.[REF_NAME];
  return name !== undefined && tagProblem(name) === undefined ? name : undefined;
}

/** Tag → descriptor; for a tag listed twice the last entry wins, as in oras-go's resolver. */
export function tagMap(index: LayoutIndex): Map<string, Descriptor> {
  const map = new Map<string, Descriptor>();
  for (const entry of index.manifests) {
    const tag = tagOf(entry);
    if (tag !== undefined) map.set(tag, entry);
  }
  return map;
}

/** A plain descriptor (media type, digest, size), without the layout's annotations. */
export function plain(entry: Descriptor): Descriptor {
  return { mediaType: entry.mediaType, digest: entry.digest, size: entry.size };
}

function refName(entry: Descriptor): string | undefined {
  return entry.annotations?.[REF_NAME];
}

/**
 * Points `tag` at `descriptor` (any other entry with that name goes); without a tag the manifest is
 * kept as an untagged entry, so it stays reachable (a referrer pushed by digest). An untagged entry
 * of a digest that now has a tag is dropped, as oras-go writes it.
 */
export function withManifest(index: LayoutIndex, descriptor: Descriptor, tag?: string): LayoutIndex {
  const bare = plain(descriptor);
  let manifests = index.manifests.filter((entry) => tag === undefined || refName(entry) !== tag);
  if (tag !== undefined) {
    manifests = manifests.filter((entry) => !(entry.digest === bare.digest && refName(entry) === undefined));
    manifests.push({ ...bare, annotations: { [REF_NAME]: tag } });
  } else if (!manifests.some((entry) => entry.digest === bare.digest)) {
    manifests.push(bare);
  }
  return { fields: index.fields, manifests };
}

/** Every entry of `digest` removed: its tags and its untagged entry. */
export function withoutDigest(index: LayoutIndex, digest: string): LayoutIndex {
  return { fields: index.fields, manifests: index.manifests.filter((entry) => entry.digest !== digest) };
}
