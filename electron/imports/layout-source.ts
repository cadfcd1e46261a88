import type { Readable } from 'node:stream';
import type { LayoutKind } from '../../shared/contract';

/**
 * The files of an OCI image layout, wherever they are kept: a folder on disk, or the entries of an
 * uncompressed tar (oci-archive) read by byte range. Only reads; nothing is ever written.
 */
export interface LayoutSource {
  readonly kind: LayoutKind;
  /** The absolute path of the folder or archive. */
  readonly path: string;
  /** Changes when the folder's index.json or the archive file changes: what was read is read again. */
  stamp(): Promise<string>;
  /** A top-level file (`oci-layout`, `index.json`), refused when larger than `maxBytes`; undefined when absent. */
  readFile(name: string, maxBytes: number): Promise<Buffer | undefined>;
  /** The stored size of `blobs/<algorithm>/<hex>`, undefined when there is no such blob. */
  blobSize(digest: string): Promise<number | undefined>;
  /** The blob's stored bytes, unverified (the caller verifies against the descriptor). */
  openBlob(digest: string, size: number, signal?: AbortSignal): Promise<Readable>;
  /** A small blob read whole, unverified. */
  readBlob(digest: string, size: number, signal?: AbortSignal): Promise<Buffer>;
}
