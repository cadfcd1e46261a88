import { Header, Pax } from 'tar';

export type TarEntryType = 'File' | 'Directory' | 'SymbolicLink';

export interface TarEntryFacts {
  /** The stored name: `<prefix>/<path>`, a folder's with a trailing `/`. */
  path: string;
  type: TarEntryType;
  /** lstat's mode (the permission bits are kept, made portable). */
  mode: number;
  /** A regular file's bytes; 0 for the rest. */
  size: number;
  /** A symbolic link's target, as stored. */
  linkpath?: string;
}

const EPOCH = new Date(0);

/** node-tar's portable mode: owner read/write always, nothing writable by group or others; folders listable where readable. */
export function portableMode(mode: number, isDirectory: boolean): number {
  let fixed = ((mode & 0o7777) | 0o600) & ~0o22;
  if (isDirectory) {
    if (fixed & 0o400) fixed |= 0o100;
    if (fixed & 0o40) fixed |= 0o10;
    if (fixed & 0o4) fixed |= 0o1;
  }
  return fixed;
}

/**
 * The header block(s) of one entry, byte for byte what node-tar's `Pack` writes with `portable`
 * and `mtime: epoch` (so archives packed before and after this writer have the same tar digest):
 * no owner ids or names, times at the epoch (none at all for folders, as node-tar leaves them),
 * and a pax extended header before the ustar one when a name, link or size does not fit it.
 * node-tar's own Header and Pax encoders write the fields.
 */
export function tarEntryHeader(entry: TarEntryFacts): Buffer {
  const isDirectory = entry.type === 'Directory';
  const mtime = isDirectory ? undefined : EPOCH;
  const header = new Header({ path: entry.path, linkpath: entry.linkpath, mode: portableMode(entry.mode, isDirectory), size: entry.size, mtime, type: entry.type });
  const needsPax = header.encode();
  const block = header.block;
  if (!block) throw new Error(`tar: no header for ${entry.path}`);
  if (!needsPax) return block;
  const pax = new Pax({ mtime, path: entry.path, linkpath: entry.linkpath, size: header.size }).encode();
  return Buffer.concat([pax, block]);
}
