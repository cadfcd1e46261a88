import type { Stats } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

const UMASK = process.umask();

/** lstat, or undefined where nothing is (ENOENT, or a file where a folder was expected). */
export async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** A view, not a copy (Buffer.from(buffer) would copy). */
export function asBuffer(chunk: Buffer | Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** One small file in one go: created (never through a link: `wx`), written, its mode and time set. */
export async function writeSmall(path: string, data: Buffer, mode: number, mtime: number | undefined): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    if (data.byteLength > 0) await handle.writeFile(data);
    if ((mode & ~UMASK) !== mode) await handle.chmod(mode);
    if (mtime !== undefined) await handle.utimes(mtime, mtime).catch(() => undefined);
  } finally {
    await handle.close();
  }
}

export async function writeAll(handle: FileHandle, chunk: Buffer | Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/** The first free "name (1).ext", "name (2).ext"… in `parent` (keep both); undefined past 1,000. */
export async function freeCopyName(parent: string, last: string): Promise<string | undefined> {
  const dot = last.lastIndexOf('.');
  for (let n = 1; n <= 1000; n++) {
    const candidate = dot > 0 ? `${last.slice(0, dot)} (${n})${last.slice(dot)}` : `${last} (${n})`;
    if (!(await lstatOrUndefined(join(parent, candidate)))) return candidate;
  }
  return undefined;
}
