import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ContractError } from '../../../shared/contract';
import { createDigester, digestBytes, digestOf, parseDigest } from './digest';

/** What to upload: a file on disk (streamed) or a small in-memory document (manifest, config). */
export type BlobSource =
  | { path: string; digest?: string; size?: number }
  | { data: Uint8Array; digest?: string };

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
