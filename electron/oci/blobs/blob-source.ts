import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ContractError } from '../../../shared/contract';
import { createDigester, digestBytes, digestOf, parseDigest } from './digest';

/**
 * What to upload: a file on disk (streamed), a small in-memory document (manifest, config), or a
 * stream opened on demand (another store's blob, copied without landing on disk): `open` is called
 * again from the start for a resume, and the bytes before the offset are dropped.
 */
export type BlobSource =
  | { path: string; digest?: string; size?: number }
  | { data: Uint8Array; digest?: string }
  | StreamSource;

export interface StreamSource {
  open: () => Promise<Readable>;
  digest: string;
  size: number;
  /**
   * The stream `open` returns is verified by its producer (a `BlobStorage.fetch` stream): it errors,
   * before it ends, when its bytes overflow, fall short of or do not match `size` and `digest`. A
   * store may then count the bytes instead of hashing them again, and keeps them only once the
   * stream has ended without an error.
   */
  verified?: boolean;
}

/** A source opened for upload: its size, its digest when known, and a reader for any byte range. */
export interface OpenedSource {
  size: number;
  digest: string | undefined;
  /** A fresh stream of bytes [start, end). */
  read(start: number, end: number): Readable;
  /** The file behind the source, when it is one (so another thread can hash it from disk). */
  path?: string;
  /** Computes the digest by reading the whole source (used when it was not given). */
  computeDigest(signal?: AbortSignal): Promise<string>;
  /** A full read, `read(0, size)`, ends only if the bytes match `digest` (see `StreamSource.verified`). */
  verified?: boolean;
}

// Large reads: fewer syscalls, fewer body chunks for undici to write to the socket.
const READ_CHUNK = 1024 * 1024;

export async function openSource(source: BlobSource): Promise<OpenedSource> {
  if ('data' in source) {
    const data = source.data;
    const digest = source.digest ?? digestBytes(data);
    if (source.digest !== undefined && digestBytes(data, parseDigest(source.digest).algorithm) !== source.digest) {
      throw new ContractError('invalid-input', 'The content to upload does not match the digest given for it.');
    }
    return {
      size: data.byteLength,
      digest,
      read: (start, end) => Readable.from([Buffer.from(data.buffer, data.byteOffset + start, end - start)]),
      computeDigest: async () => digest,
    };
  }
  if ('open' in source) return openStream(source);
  if (source.digest !== undefined) parseDigest(source.digest);
  const info = await stat(source.path).catch((error: { code?: string }) => {
    throw new ContractError('not-found', `Cannot read ${source.path} (${error.code ?? 'unreadable'}).`);
  });
  if (!info.isFile()) throw new ContractError('invalid-input', `${source.path} is not a regular file.`);
  if (source.size !== undefined && source.size !== info.size) {
    throw new ContractError('invalid-input', `${source.path} is ${info.size} bytes, not the ${source.size} expected: it changed since it was packed.`);
  }
  const path = source.path;
  return {
    size: info.size,
    digest: source.digest,
    path,
    read: (start, end) => (end > start ? createReadStream(path, { start, end: end - 1, highWaterMark: READ_CHUNK }) : Readable.from([])),
    computeDigest: async (signal) => {
      const hash = createDigester('sha256');
      await pipeline(createReadStream(path), hash, { signal });
      return digestOf(hash, 'sha256');
    },
  };
}

function openStream(source: StreamSource): OpenedSource {
  parseDigest(source.digest);
  if (!Number.isSafeInteger(source.size) || source.size < 0) throw new ContractError('invalid-input', 'The blob to copy has no valid size.');
  return {
    size: source.size,
    digest: source.digest,
    read: (start, end) => sliceOf(source.open, start, end, source.size),
    computeDigest: async () => source.digest,
    ...(source.verified === true ? { verified: true } : {}),
  };
}

/**
 * Bytes [start, end) of a stream opened now: the ones before `start` are read and dropped. A range
 * that reaches the end waits for the source's own end, so a source that verifies its digest can
 * still fail the copy.
 */
function sliceOf(open: () => Promise<Readable>, start: number, end: number, size: number): Readable {
  if (end <= start) return Readable.from([]);
  let input: Readable | undefined;
  let position = 0;
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    output.push(null);
  };
  const output = new Readable({
    highWaterMark: READ_CHUNK,
    read() {
      if (input) {
        input.resume();
        return;
      }
      input = new Readable({ read() {} }); // placeholder until open() answers: read() is not re-entered
      open().then(
        (stream) => {
          input = stream;
          if (output.destroyed) {
            stream.destroy();
            return;
          }
          stream.on('data', (chunk: Buffer) => {
            const from = Math.max(start - position, 0);
            const to = Math.min(end - position, chunk.byteLength);
            position += chunk.byteLength;
            if (to > from && !output.push(from === 0 && to === chunk.byteLength ? chunk : chunk.subarray(from, to))) stream.pause();
            if (position >= end && end < size) {
              stream.destroy();
              finish();
            }
          });
          stream.on('end', () => {
            if (position < end) output.destroy(new ContractError('network', `The source sent ${position} bytes of a ${end}-byte range.`));
            else finish();
          });
          stream.on('error', (error) => output.destroy(error));
        },
        (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    },
    destroy(error, callback) {
      input?.destroy();
      callback(error);
    },
  });
  return output;
}
