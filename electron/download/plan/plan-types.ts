import type { Descriptor } from '../../oci/manifests/manifest-types';
import type { SkippedEntry } from '../extract/extract-errors';

/**
 * What a download writes, decided before a byte is fetched. Each output is built in a staging
 * folder inside the chosen folder and then placed under `name` (relative to the chosen folder),
 * asking first when something is there already.
 */
export type PlanOutput =
  /** One blob, verified, as a file. */
  | { kind: 'blob'; name: string; descriptor: Descriptor }
  /** Bytes already fetched and verified (a manifest, a summary). */
  | { kind: 'bytes'; name: string; data: Buffer }
  /**
   * A tar(+gzip) blob unpacked; each entry at its top level is placed on its own (a chart's
   * `<name>/`, an ORAS folder's `<title>/`). `tarDigest`: the uncompressed tar must have it.
   */
  | { kind: 'unpack'; name: string; descriptor: Descriptor; tarDigest?: string }
  /** A folder of several files (an OCI image layout, blobs by digest), placed as one. */
  | { kind: 'folder'; name: string; files: FolderFile[] }
  /** Layers applied in order, whiteouts honoured; `diffIds` from the config checked per layer. */
  | { kind: 'rootfs'; name: string; layers: Descriptor[]; diffIds?: string[] };

export type FolderFile = { path: string; descriptor: Descriptor } | { path: string; data: Buffer };

export interface DownloadPlan {
  outputs: PlanOutput[];
  /** Left out before starting (an unsafe title, a duplicate), named with the reason. */
  refused: SkippedEntry[];
  /** Lines for the summary (e.g. layers without a title kept under their digest). */
  notes: string[];
}

export const TITLE = 'org.opencontainers.image.title';
export const ORAS_UNPACK = 'io.deis.oras.content.unpack';
export const ORAS_CONTENT_DIGEST = 'io.deis.oras.content.digest';

/** A digest as a file name every file system accepts (`sha256-…`: no colon, which Windows refuses). */
export function digestFileName(digest: string): string {
  return digest.replace(':', '-');
}

export function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

/** `alpine-3.20` from `library/alpine` and `3.20` (or the short digest when pulled by digest). */
export function artifactFolderName(repository: string, reference: string): string {
  const last = repository.split('/').at(-1) ?? repository;
  const ref = reference.includes(':') ? shortDigest(reference) : reference;
  return `${last}-${ref}`;
}
