import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StreamToFileOptions {
  signal?: AbortSignal;
  /** Bytes written so far. */
  onProgress?: (bytes: number) => void;
}

/**
 * Writes a (verifying) stream to `targetPath` through a hidden `.partial` file beside it, fsync'd and
 * renamed only once the stream ended without error: a failure, a lie found at the last byte or a
 * cancel leaves nothing behind. Returns the bytes written.
 */
export async function writeStreamToFile(stream: Readable, targetPath: string, options: StreamToFileOptions = {}): Promise<number> {
  const temp = join(dirname(targetPath), `.${basename(targetPath)}.${randomBytes(6).toString('hex')}.partial`);
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    bytes += chunk.byteLength;
    options.onProgress?.(bytes);
  });
  try {
    await pipeline(stream, createWriteStream(temp, { flags: 'wx', mode: 0o600 }), ...(options.signal ? [{ signal: options.signal }] : []));
    const handle = await open(temp, 'r+');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, targetPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return bytes;
}
