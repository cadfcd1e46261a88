import { ContractError } from '../../shared/contract';
import { short } from '../oci/blobs/blob-verifier';
import type { Descriptor, FetchedManifest, ParsedManifest } from '../oci/manifests/manifest-types';
import { parseManifest } from '../oci/manifests/parse-manifest';
import { MAX_MANIFEST_BYTES } from '../oci/read-bounded';
import { isDigest } from '../oci/reference/digest';
import { blobName, INDEX_FILE } from './layout-paths';

/** How a layout names damage: Local's `LayoutDamaged`, an opened layout's `ImportDamaged`. */
export type LayoutDamage = (file: string, problem: string) => Error;

/**
 * Reads the manifest index.json lists for `reference` (Local or an opened layout): bounded, its bytes
 * verified by `readBytes`, and damage — an entry too large, its blob missing, bytes that are no
 * manifest — named by the file that is wrong.
 */
export async function fetchListedManifest(descriptor: Descriptor, reference: string, readBytes: (descriptor: Descriptor) => Promise<Buffer>, damaged: LayoutDamage): Promise<FetchedManifest> {
  if (descriptor.size > MAX_MANIFEST_BYTES) throw damaged(INDEX_FILE, `says manifest ${short(descriptor.digest)} is ${descriptor.size} bytes, more than the 4 MiB a manifest may be`);
  const bytes = await readBytes(descriptor).catch((error: unknown) => {
    if (error instanceof ContractError && error.code === 'not-found') {
      throw damaged(INDEX_FILE, `names manifest ${short(descriptor.digest)}${isDigest(reference) ? '' : ` (tag ${reference})`}, but ${blobName(descriptor.digest)} is missing`);
    }
    throw error;
  });
  return { descriptor, bytes, parsed: parseLayoutManifest(bytes, descriptor.mediaType, descriptor.digest, damaged) };
}

/** Parses a manifest read from a layout; bytes that are not one are damage in that blob's file. */
export function parseLayoutManifest(bytes: Buffer, mediaType: string | undefined, digest: string, damaged: LayoutDamage): ParsedManifest {
  try {
    return parseManifest(bytes, mediaType);
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^The registry sent an invalid manifest: /, '').replace(/\.$/, '') : 'unreadable';
    throw damaged(blobName(digest), `is not a manifest Stevedore can read (${why})`);
  }
}

/** Whether `resolve` finds the reference: not-found is `false`, anything else (damage) is thrown. */
export async function resolvesTo(resolve: () => Promise<unknown>): Promise<boolean> {
  try {
    await resolve();
    return true;
  } catch (error) {
    if (error instanceof ContractError && error.code === 'not-found') return false;
    throw error;
  }
}
