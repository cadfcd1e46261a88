import { short } from '../oci/blobs/blob-verifier';
import type { Descriptor, ParsedManifest } from '../oci/manifests/manifest-types';
import { isImageManifestType, isIndexType } from '../oci/manifests/media-types';
import { parseManifest } from '../oci/manifests/parse-manifest';
import { MAX_MANIFEST_BYTES } from '../oci/read-bounded';
import { hasBlob, readBlobBytes } from './blob-files';
import type { LayoutContext } from './layout-context';
import { LayoutDamaged } from './layout-errors';
import type { LayoutIndex } from './layout-index';
import { blobName, INDEX_FILE } from './layout-paths';

/** A walk never visits more than this many manifests and blobs. */
export const MAX_WALKED = 500_000;

export interface Walked {
  /** Every digest the index reaches: its manifests, their children, configs and layers. */
  reachable: Set<string>;
  /** Blobs named by a manifest but absent (a layer or config; a missing manifest throws). */
  missing: { digest: string; from: string }[];
}

const isManifestType = (mediaType: string) => isImageManifestType(mediaType) || isIndexType(mediaType);

/**
 * Walks the graph from index.json: manifests are read and verified (a missing or corrupt one is
 * damage and throws, naming the file); configs and layers are only checked for presence.
 */
export async function walkLayout(context: LayoutContext, index: LayoutIndex, signal?: AbortSignal): Promise<Walked> {
  const reachable = new Set<string>();
  const missing: Walked['missing'] = [];
  const queue: { descriptor: Descriptor; from: string }[] = index.manifests.map((descriptor) => ({ descriptor, from: INDEX_FILE }));
  while (queue.length > 0) {
    signal?.throwIfAborted();
    const { descriptor, from } = queue.shift()!;
    if (reachable.has(descriptor.digest)) continue;
    if (reachable.size >= MAX_WALKED) throw new LayoutDamaged(context.name, INDEX_FILE, `reaches more than ${MAX_WALKED} blobs; Stevedore stops there`);
    reachable.add(descriptor.digest);
    const manifestLike = from === INDEX_FILE || isManifestType(descriptor.mediaType);
    if (!manifestLike || (descriptor.urls && descriptor.urls.length > 0)) {
      if (!(descriptor.urls && descriptor.urls.length > 0) && !(await hasBlob(context.dir, descriptor.digest))) missing.push({ digest: descriptor.digest, from });
      continue;
    }
    const parsed = await readManifest(context, descriptor, from);
    const name = blobName(descriptor.digest);
    const children = parsed.kind === 'manifest' ? [parsed.manifest.config, ...parsed.manifest.layers] : parsed.index.manifests;
    for (const child of children) queue.push({ descriptor: child, from: name });
  }
  return { reachable, missing };
}

async function readManifest(context: LayoutContext, descriptor: Descriptor, from: string): Promise<ParsedManifest> {
  const name = blobName(descriptor.digest);
  if (descriptor.size > MAX_MANIFEST_BYTES) throw new LayoutDamaged(context.name, from, `names manifest ${short(descriptor.digest)} as ${descriptor.size} bytes, more than a manifest may be`);
  if (!(await hasBlob(context.dir, descriptor.digest))) throw new LayoutDamaged(context.name, from, `names manifest ${short(descriptor.digest)}, but ${name} is missing`);
  const bytes = await readBlobBytes(context.dir, context.name, descriptor);
  try {
    return parseManifest(bytes, descriptor.mediaType);
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^The registry sent an invalid manifest: /, '').replace(/\.$/, '') : 'unreadable';
    throw new LayoutDamaged(context.name, name, `is not a manifest Stevedore can read (${why})`);
  }
}
