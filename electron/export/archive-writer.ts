import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { create as createTar } from 'tar';
import { syncDirectory } from '../fs/durable-write';
import { BLOBS_DIR, INDEX_FILE, LAYOUT_FILE } from '../store/layout-paths';

const READ_SIZE = 1024 * 1024;

/** A hidden name beside `target` for work in progress (`.<name>.<random>.<suffix>`). */
export function besideTarget(target: string, suffix: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.${suffix}`);
}

/**
 * Writes the image layout in `layoutDir` as an `oci-archive` at `target`: an uncompressed tar of
 * `oci-layout`, `index.json` and `blobs/…` (what skopeo's `oci-archive:` writes and reads), streamed
 * file by file (memory stays flat however large the blobs), into a `.partial` file beside the target
 * that is fsync'd and renamed over it only when complete. Any failure or abort removes the partial file.
 */
export async function writeArchive(layoutDir: string, target: string, options: { signal?: AbortSignal; onProgress?: (bytes: number) => void } = {}): Promise<number> {
  const partial = besideTarget(target, 'partial');
  let written = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      written += chunk.byteLength;
      options.onProgress?.(written);
      callback(null, chunk);
    },
  });
  try {
    // `portable` leaves out owner, group and device numbers: the archive says nothing about this machine.
    // Reads of 1 MiB (node-tar's default is 16 MiB per file read) keep the memory low and flat.
    const pack = createTar({ cwd: layoutDir, portable: true, strict: true, maxReadSize: READ_SIZE }, [LAYOUT_FILE, INDEX_FILE, BLOBS_DIR]);
    await pipeline(pack, counter, createWriteStream(partial, { flags: 'wx', mode: 0o644 }), ...(options.signal ? [{ signal: options.signal }] : []));
    const handle = await open(partial, 'r+');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(partial, target);
    await syncDirectory(dirname(target));
    return written;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
