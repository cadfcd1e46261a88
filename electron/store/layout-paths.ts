import { join, relative, sep } from 'node:path';
import { ContractError } from '../../shared/contract';
import { parseDigest } from '../oci/blobs/digest';
import { assertRepository } from '../oci/reference/reference';

/** Names inside an image layout folder: a repository path segment may not take one of them. */
export const LAYOUT_FILE = 'oci-layout';
export const INDEX_FILE = 'index.json';
export const BLOBS_DIR = 'blobs';
/** Temp files of blobs being written, on the same file system as `blobs/` so a rename is atomic (as oras-go's `ingest`). */
export const INGEST_DIR = 'ingest';
export const LOCK_FILE = '.stevedore.lock';

const RESERVED = new Set([LAYOUT_FILE, INDEX_FILE, BLOBS_DIR, INGEST_DIR]);

/** The folder of all Local repositories in the app's data folder. */
export function localRoot(dataDir: string): string {
  return join(dataDir, 'local');
}

/**
 * The layout folder of a repository. The name is checked against the distribution grammar (no `..`,
 * no absolute path, no empty segment) and against the layout's own names, so `a/blobs` cannot land
 * inside repository `a`'s blob folder; the result is proven to stay under `root`.
 */
export function repositoryDir(root: string, name: string): string {
  assertRepository(name);
  const segments = name.split('/');
  const clash = segments.find((s) => RESERVED.has(s));
  if (clash) throw new ContractError('invalid-input', `"${name.slice(0, 80)}" cannot be a Local repository: "${clash}" is a name the image layout uses itself.`);
  const dir = join(root, ...segments);
  const inside = relative(root, dir);
  if (inside === '' || inside.startsWith('..') || inside.split(sep).length !== segments.length) {
    throw new ContractError('invalid-input', `"${name.slice(0, 80)}" does not name a folder inside the Local registry.`);
  }
  return dir;
}

/** `blobs/<algorithm>/<hex>` of a layout, for a validated digest. */
export function blobFile(layoutDir: string, digest: string): string {
  const { algorithm, hex } = parseDigest(digest);
  return join(layoutDir, BLOBS_DIR, algorithm, hex);
}

/** The same path relative to the layout, for messages. */
export function blobName(digest: string): string {
  const { algorithm, hex } = parseDigest(digest);
  return `${BLOBS_DIR}/${algorithm}/${hex}`;
}
