import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm, stat, utimes, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ContractError } from '../../shared/contract';
import type { BlobDescriptor } from '../oci/blobs/blob-descriptor';
import { createDigester, digestOf, parseDigest } from '../oci/blobs/digest';
import { short } from '../oci/blobs/blob-verifier';
import { errnoOf, isMissing, LayoutDamaged } from './layout-errors';
import { blobFile, blobName, INGEST_DIR } from './layout-paths';
import { syncDirectory } from '../fs/durable-write';
import { EarlyFlush, FLUSH_EVERY } from './early-flush';

export const READ_CHUNK = 1024 * 1024;
/**
 * What the temp file's stream may hold before it pushes back: while one write is under way the
 * chunks that arrive (a network body comes in pieces of 16-64 KiB) wait and go out together in one
 * writev, instead of one write system call and one thread-pool round trip each.
 */
const WRITE_BATCH = 1024 * 1024;

/** A temp file for a blob being written, in the layout's `ingest/` folder. */
export async function ingestPath(layoutDir: string): Promise<string> {
  const dir = join(layoutDir, INGEST_DIR);
  await mkdir(dir, { recursive: true });
  return join(dir, `${process.pid}-${randomBytes(8).toString('hex')}.partial`);
}

export interface WriteBlobOptions {
  signal?: AbortSignal;
  onProgress?: (bytes: number) => void;
  /**
   * `source` is verified against `expected.digest` by its producer and errors before its end if
   * it does not match (a `BlobStorage.fetch` stream): its bytes are counted, not hashed a second
   * time. Ignored without an expected digest.
   */
  sourceVerified?: boolean;
}

/**
 * Streams `source` into a temp file while hashing and counting it; the file is renamed into
 * `blobs/<algorithm>/<hex>` only once size and digest are proven (and fsync'd). Any failure removes
 * the temp file. Returns the digest and size written.
 *
 * With `sourceVerified` the digest is proven by the source instead: the rename waits for the whole
 * pipeline, so for the source's `end`, which a verifying stream emits only after its check passed
 * (one that checks the digest at its end errors instead, after every byte was written here).
 */
export async function writeBlob(
  layoutDir: string,
  source: Readable,
  expected: { digest?: string; size: number },
  options: WriteBlobOptions = {},
): Promise<{ digest: string; size: number }> {
  const algorithm = expected.digest ? parseDigest(expected.digest).algorithm : 'sha256';
  const trusted = options.sourceVerified === true ? expected.digest : undefined;
  const hash = createDigester(algorithm);
  let count = 0;
  const temp = await ingestPath(layoutDir);
  let file: FileHandle | undefined;
  try {
    file = await open(temp, 'wx', 0o644);
    const early = expected.size > FLUSH_EVERY ? new EarlyFlush(file) : undefined;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        count += chunk.byteLength;
        if (count > expected.size) return callback(new ContractError('invalid-input', `The content is longer than the ${expected.size} bytes expected; it changed while being stored.`));
        if (trusted === undefined) hash.update(chunk);
        early?.wrote(count);
        options.onProgress?.(count);
        callback(null, chunk);
      },
      flush(callback) {
        // the file stream closes the file after this: no flush may still be using it then
        void (early?.settled() ?? Promise.resolve()).then(() => callback());
      },
    });
    const out = createWriteStream(temp, { fd: file, highWaterMark: WRITE_BATCH });
    file = undefined; // the stream closes it
    await pipeline(source, counter, out, ...(options.signal ? [{ signal: options.signal }] : []));
    return await commitBlob(layoutDir, temp, { size: count, digest: trusted ?? digestOf(hash, algorithm) }, expected);
  } catch (error) {
    await file?.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * A fully written temp file made a blob: its size and digest (as counted and hashed while it was
 * written) checked against what was expected, fsync'd, renamed into `blobs/`, the folder synced.
 * Throws before the rename when anything differs; the caller removes the temp file.
 */
export async function commitBlob(layoutDir: string, temp: string, got: { size: number; digest: string }, expected: { digest?: string; size: number }): Promise<{ digest: string; size: number }> {
  if (got.size !== expected.size) throw new ContractError('invalid-input', `The content is ${got.size} bytes, not the ${expected.size} expected; it changed while being stored.`);
  if (expected.digest && got.digest !== expected.digest) throw new ContractError('invalid-input', `The content does not match its digest ${short(expected.digest)} (it is ${short(got.digest)}); nothing was stored.`);
  await syncFile(temp);
  const target = blobFile(layoutDir, got.digest);
  await mkdir(dirname(target), { recursive: true });
  await rename(temp, target);
  await syncDirectory(dirname(target));
  return got;
}

export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Whether the layout holds the blob; a present blob is touched so a garbage collection running meanwhile spares it. */
export async function hasBlob(layoutDir: string, digest: string, touch = false): Promise<boolean> {
  const path = blobFile(layoutDir, digest);
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    if (touch) {
      const now = new Date();
      await utimes(path, now, now).catch(() => undefined);
    }
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw new ContractError('internal', `Cannot read ${path} (${errnoOf(error)}).`);
  }
}

/**
 * Links a blob another Local repository holds (a mount, as a registry does across repositories):
 * a hard link into `ingest/`, checked for size, renamed into place. Falls back to not mounting.
 */
export async function linkBlob(fromDir: string, layoutDir: string, digest: string, size: number | undefined): Promise<boolean> {
  const from = blobFile(fromDir, digest);
  const temp = await ingestPath(layoutDir);
  try {
    await link(from, temp);
    const info = await stat(temp);
    if (size !== undefined && info.size !== size) return false;
    const target = blobFile(layoutDir, digest);
    await mkdir(dirname(target), { recursive: true });
    await rename(temp, target);
    return true;
  } catch {
    return false;
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * The blob's bytes, verified as they stream: the file's size must match the descriptor before a
 * byte is read, and the digest at the end; a mismatch means the layout is damaged and says which file.
 */
export async function readBlobStream(layoutDir: string, repository: string, descriptor: BlobDescriptor, signal?: AbortSignal): Promise<Readable> {
  const path = blobFile(layoutDir, descriptor.digest);
  const name = blobName(descriptor.digest);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if (isMissing(error)) throw new ContractError('not-found', `The Local repository "${repository}" has no blob ${short(descriptor.digest)} (${name} is missing).`);
    throw new ContractError('internal', `Cannot read ${path} (${errnoOf(error)}).`);
  }
  if (info.size !== descriptor.size) throw new LayoutDamaged(repository, name, `is ${info.size} bytes, not the ${descriptor.size} its descriptor says`);
  const algorithm = parseDigest(descriptor.digest).algorithm;
  const hash = createDigester(algorithm);
  const verify = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      const actual = digestOf(hash, algorithm);
      callback(actual === descriptor.digest ? null : new LayoutDamaged(repository, name, `does not match its digest (its content hashes to ${short(actual)})`));
    },
  });
  // Read-ahead sized to the blob: a 1 MiB buffer per small blob would be mostly garbage.
  const file = createReadStream(path, { highWaterMark: Math.min(READ_CHUNK, Math.max(64 * 1024, descriptor.size)), ...(signal ? { signal } : {}) });
  file.on('error', (error) => verify.destroy(error));
  verify.on('close', () => file.destroy());
  return file.pipe(verify);
}

/**
 * A small blob (a manifest, a config: at most a few MiB) read whole in one go and verified: no
 * stream, no read-ahead buffer, which matters when a catalog reads thousands of them.
 */
export async function readBlobBytes(layoutDir: string, repository: string, descriptor: BlobDescriptor, signal?: AbortSignal): Promise<Buffer> {
  const path = blobFile(layoutDir, descriptor.digest);
  const name = blobName(descriptor.digest);
  let bytes: Buffer;
  try {
    bytes = await readFile(path, signal ? { signal } : {});
  } catch (error) {
    if (isMissing(error)) throw new ContractError('not-found', `The Local repository "${repository}" has no blob ${short(descriptor.digest)} (${name} is missing).`);
    if ((error as Error).name === 'AbortError') throw error;
    throw new ContractError('internal', `Cannot read ${path} (${errnoOf(error)}).`);
  }
  if (bytes.length !== descriptor.size) throw new LayoutDamaged(repository, name, `is ${bytes.length} bytes, not the ${descriptor.size} its descriptor says`);
  const algorithm = parseDigest(descriptor.digest).algorithm;
  const actual = digestOf(createDigester(algorithm).update(bytes), algorithm);
  if (actual !== descriptor.digest) throw new LayoutDamaged(repository, name, `does not match its digest (its content hashes to ${short(actual)})`);
  return bytes;
}
