import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { ExtractionStopped } from './extract-errors';

export interface ExpansionLimit {
  /** Uncompressed bytes (tar headers included) before the archive is stopped. */
  maxBytes: number;
}

export interface TarBytes {
  /** The uncompressed tar stream, counted, capped and hashed as it passes. */
  chunks: AsyncIterable<Buffer>;
  /** After `chunks` ended: sha256 of the uncompressed bytes (`sha256:…`) and their count. */
  result(): { digest: string; bytes: number };
}

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];
/** zlib's default 16 KiB output chunks mean one file write per 16 KiB; larger ones, fewer. */
const INFLATE_CHUNK = 256 * 1024;

type ZstdFactory = () => NodeJS.ReadWriteStream;

/** Node 22.15+ (and so Electron 35+) has zstd in zlib; an older Node says so instead of guessing. */
function zstdDecompressor(): ZstdFactory | undefined {
  const create = (zlib as unknown as { createZstdDecompress?: ZstdFactory }).createZstdDecompress;
  return typeof create === 'function' ? () => create() : undefined;
}

export function zstdSupported(): boolean {
  return zstdDecompressor() !== undefined;
}

/**
 * Reads a layer blob (gzip, zstd or plain tar, told apart by their magic bytes rather than by a
 * media type a manifest may get wrong) as an uncompressed stream, stopped at the cap.
 */
export function tarBytes(source: AsyncIterable<Buffer | Uint8Array>, limit: ExpansionLimit, label: string): TarBytes {
  const hash = createHash('sha256');
  let bytes = 0;
  let digest: string | undefined;
  async function* run(): AsyncGenerator<Buffer> {
    const iterator = source[Symbol.asyncIterator]();
    let head = Buffer.alloc(0);
    const buffered: Buffer[] = [];
    while (head.length < 4) {
      const next = await iterator.next();
      if (next.done) break;
      const chunk = Buffer.from(next.value);
      buffered.push(chunk);
      head = Buffer.concat([head, chunk]);
    }
    async function* rest(): AsyncGenerator<Buffer> {
      yield* buffered;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield Buffer.from(next.value);
      }
    }
    let plain: AsyncIterable<Buffer>;
    if (starts(head, GZIP)) {
      plain = Readable.from(rest()).pipe(zlib.createGunzip({ chunkSize: INFLATE_CHUNK })) as AsyncIterable<Buffer>;
    } else if (starts(head, ZSTD)) {
      const factory = zstdDecompressor();
      if (!factory) {
        throw new ExtractionStopped(
          `${label} is compressed with zstd, which this build cannot unpack (Node ${process.versions.node} has no zstd). Download it as an OCI layout instead, or use the desktop app.`,
        );
      }
      plain = Readable.from(rest()).pipe(factory()) as unknown as AsyncIterable<Buffer>;
    } else {
      plain = rest();
    }
    try {
      for await (const chunk of plain) {
        bytes += chunk.byteLength;
        if (bytes > limit.maxBytes) {
          throw new ExtractionStopped(`${label} expands past ${describeBytes(limit.maxBytes)} (a decompression bomb?): stopped and removed what it had written.`);
        }
        hash.update(chunk);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof ExtractionStopped) throw error;
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('Z_')) throw new ExtractionStopped(`${label} is not valid compressed data (${code}).`);
      throw error;
    }
    digest = `sha256:${hash.digest('hex')}`;
  }
  return {
    chunks: run(),
    result: () => {
      if (digest === undefined) throw new Error('the tar stream was not read to its end');
      return { digest, bytes };
    },
  };
}

function starts(head: Buffer, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((byte, i) => head[i] === byte);
}

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(bytes % 1024 ** 3 === 0 ? 0 : 1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(bytes % 1024 ** 2 === 0 ? 0 : 1)} MiB`;
  return `${bytes} bytes`;
}
