import { short } from '../oci/blobs/blob-verifier';
import type { Descriptor, ParsedManifest } from '../oci/manifests/manifest-types';
import { parseManifest } from '../oci/manifests/parse-manifest';
import { isImageManifestType, isIndexType } from '../oci/manifests/media-types';
import { MAX_MANIFEST_BYTES } from '../oci/read-bounded';
import { blobName, INDEX_FILE } from '../store/layout-paths';
import { ImportDamaged } from './import-errors';
import type { OpenedRegistry } from './opened-registry';

/** A check never visits more than this many manifests and blobs. */
export const MAX_CHECKED = 200_000;

export interface LayoutSummary {
  repositories: number;
  /** Entries of index.json. */
  manifests: number;
  /** Blobs and manifests reached from index.json. */
  reached: number;
}

const isManifestType = (mediaType: string) => isImageManifestType(mediaType) || isIndexType(mediaType);

/**
 * Reads index.json and walks everything it reaches: every manifest read and verified, every config
 * and layer present with the size its descriptor says. The first problem throws, naming the file
 * (and what names it); nothing is changed. Layers are not hashed here (that happens when read).
 */
export async function checkLayout(registry: OpenedRegistry, signal?: AbortSignal): Promise<LayoutSummary> {
  const { source } = registry;
  const snapshot = await registry.layout.read();
  const blobs = registry.repository(registry.layout.defaultRepository).blobs();
  const seen = new Set<string>();
  const queue: { descriptor: Descriptor; from: string }[] = snapshot.index.manifests.map((descriptor) => ({ descriptor, from: INDEX_FILE }));
  while (queue.length > 0) {
    signal?.throwIfAborted();
    const { descriptor, from } = queue.shift()!;
    if (seen.has(descriptor.digest)) continue;
    if (seen.size >= MAX_CHECKED) throw new ImportDamaged(source.path, INDEX_FILE, `reaches more than ${MAX_CHECKED} blobs; Stevedore stops there`);
    seen.add(descriptor.digest);
    if (descriptor.urls && descriptor.urls.length > 0) continue; // a non-distributable layer lives elsewhere
    const name = blobName(descriptor.digest);
    const size = await source.blobSize(descriptor.digest);
    if (size === undefined) throw new ImportDamaged(source.path, from, `names ${short(descriptor.digest)}, but ${name} is missing`);
    if (size !== descriptor.size) throw new ImportDamaged(source.path, name, `is ${size} bytes, not the ${descriptor.size} ${from} says`);
    if (!(from === INDEX_FILE || isManifestType(descriptor.mediaType))) continue;
    if (descriptor.size > MAX_MANIFEST_BYTES) throw new ImportDamaged(source.path, from, `names manifest ${short(descriptor.digest)} as ${descriptor.size} bytes, more than a manifest may be`);
    const parsed = parse(await blobs.fetchBytes(descriptor, signal), descriptor, source.path);
    const children = parsed.kind === 'manifest' ? [parsed.manifest.config, ...parsed.manifest.layers] : parsed.index.manifests;
    for (const child of children) queue.push({ descriptor: child, from: name });
  }
  return { repositories: snapshot.repositories.size, manifests: snapshot.index.manifests.length, reached: seen.size };
}

function parse(bytes: Buffer, descriptor: Descriptor, path: string): ParsedManifest {
  try {
    return parseManifest(bytes, descriptor.mediaType);
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^The registry sent an invalid manifest: /, '').replace(/\.$/, '') : 'unreadable';
    throw new ImportDamaged(path, blobName(descriptor.digest), `is not a manifest Stevedore can read (${why})`);
  }
}
