import type { PublishKind } from '../../shared/contract';

/** One thing found under a dropped folder, seen with lstat only (a link is a link, never followed). */
export interface WalkedNode {
  /** Path relative to the dropped folder, `/`-separated. */
  rel: string;
  type: 'file' | 'directory' | 'symlink';
  size: number;
  mtimeMs: number;
  /** A link's target, as stored (never followed). */
  target?: string;
}

/** A dropped or picked file or folder as the draft keeps it. */
export interface LocalEntry {
  id: string;
  name: string;
  /** Absolute path on this machine; never sent to the renderer. */
  path: string;
  type: 'file' | 'directory';
  /** Bytes (a folder: the sum of its regular files). */
  size: number;
  fileCount: number;
  mtimeMs: number;
  /** A folder's content in the order it is packed (pre-order, names sorted bytewise). */
  nodes?: WalkedNode[];
  /** What the content looks like (`helm-chart`, `wasm`, `spdx`…), when recognised. */
  sniffed?: string;
  /** The layer media type unless the user picks another. */
  mediaType: string;
}

export interface Detection {
  kind: PublishKind;
  reason: string;
}
