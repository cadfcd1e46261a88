import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, type ZlibOptions } from 'node:zlib';

const deflateRawAsync = promisify<Buffer, ZlibOptions, Buffer>(deflateRaw);

/** Input bytes per independently compressed block: large enough that splitting costs ~nothing in size. */
export const GZIP_BLOCK_BYTES = 1024 * 1024;
/** deflate's window: each block may refer back this far into the block before it (pigz does the same). */
const WINDOW = 32 * 1024;
/** Magic, deflate, no flags (no name, no comment), MTIME 0, XFL 0, OS 3 (Unix): what zlib writes at the default level. */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

function threadPoolSize(): number {
  const configured = Number(process.env.UV_THREADPOOL_SIZE);
  return Number.isInteger(configured) && configured > 0 ? Math.min(configured, 16) : 4;
}

export interface BlockGzipOptions {
  /**
   * Blocks compressed at once. zlib runs them on libuv's thread pool, 4 threads unless
   * UV_THREADPOOL_SIZE says otherwise: filling it (more blocks than cores on a 2-core machine)
   * measured 10–15 % faster on a loaded machine, where more runnable threads get a larger share.
   */
  parallel?: number;
  blockBytes?: number;
  level?: number;
}

/**
 * A gzip writer that compresses fixed-size blocks of its input on several cores at once, as pigz
 * does: each block is a raw deflate stream primed with the previous block's last 32 KiB, ended with a
 * sync flush (the last with a finish), so the concatenation is one valid deflate stream. Block
 * boundaries fall at fixed input offsets, never where a read happened to end, so the same input
 * always gives the same bytes; an input shorter than one block gives exactly what `gzip` in zlib gives.
 * Output reaches `sink` in order, one call at a time.
 */
export class BlockGzip {
  private readonly parallel: number;
  private readonly blockBytes: number;
  private readonly level: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private dictionary: Buffer | undefined;
  private crc = 0;
  private length = 0;
  private readonly compressing: Array<Promise<Buffer>> = [];
  private started = false;

  constructor(
    private readonly sink: (chunk: Buffer) => Promise<void>,
    options: BlockGzipOptions = {},
  ) {
    this.parallel = Math.max(1, options.parallel ?? Math.max(threadPoolSize(), Math.min(availableParallelism(), 16)));
    this.blockBytes = options.blockBytes ?? GZIP_BLOCK_BYTES;
    if (this.blockBytes < WINDOW) throw new RangeError(`gzip blocks must hold at least ${WINDOW} bytes`);
    this.level = options.level ?? constants.Z_DEFAULT_COMPRESSION;
  }

  /** Takes `chunk` (not copied until its block is full: leave it unchanged). Resolves when there is room for more. */
  async write(chunk: Buffer): Promise<void> {
    if (!this.started) {
      this.started = true;
      await this.sink(HEADER);
    }
    this.crc = crc32(chunk, this.crc);
    this.length += chunk.length;
    let rest = chunk;
    while (rest.length > 0) {
      const take = Math.min(this.blockBytes - this.pendingBytes, rest.length);
      this.pending.push(take === rest.length ? rest : rest.subarray(0, take));
      this.pendingBytes += take;
      rest = rest.subarray(take);
      if (this.pendingBytes === this.blockBytes) await this.compressBlock(false);
    }
  }

  /** Compresses what is left, writes the trailer (CRC-32 and length mod 2^32). */
  async end(): Promise<void> {
    if (!this.started) {
      this.started = true;
      await this.sink(HEADER);
    }
    await this.compressBlock(true);
    while (this.compressing.length > 0) await this.emitNext();
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.length % 2 ** 32, 4);
    await this.sink(trailer);
  }

  private async compressBlock(final: boolean): Promise<void> {
    const block = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    const options: ZlibOptions = { level: this.level, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH };
    if (this.dictionary) options.dictionary = this.dictionary;
    // full blocks are at least a window long, so the next dictionary is always a whole window
    this.dictionary = final ? undefined : block.subarray(block.length - WINDOW);
    const compressed = deflateRawAsync(block, options);
    // a failure surfaces when its turn comes; until then it must not count as unhandled
    compressed.catch(() => undefined);
    this.compressing.push(compressed);
    while (this.compressing.length >= this.parallel) await this.emitNext();
  }

  private async emitNext(): Promise<void> {
    const next = this.compressing.shift();
    if (next) await this.sink(await next);
  }
}
