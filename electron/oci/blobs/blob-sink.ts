import type { Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { BlobDescriptor } from './blob-descriptor';
import { BlobError } from './blob-error';
import { checkComplete, checkDigest, overflowError } from './blob-verifier';
import { createDigester, digestOf, parseDigest, type DigestAlgorithm } from './digest';
import { writevFully } from './write-fully';

const MiB = 1024 * 1024;

export interface BlobSinkOptions {
  /** Called with a write failure's code, for a message that says where. */
  describeWriteFailure: (code: string) => string;
  /** Bytes gathered into one positioned writev (default 1 MiB). */
  batchBytes?: number;
  /** Bytes handed to writes that have not finished yet before a push waits (default 8 MiB). */
  maxInFlightBytes?: number;
  /**
   * Start a background fdatasync each time this many more bytes are written (default 32 MiB; 0 = never),
   * so the disk writes back while the body still arrives and the final sync has little left to do.
   */
  syncEveryBytes?: number;
}

/**
 * Where a download's verified bytes go. Each received chunk is hashed as it arrives and kept as it
 * is (no copy); about 1 MiB of them go to the file in one positioned writev that is not awaited,
 * so receiving and hashing overlap the writes. A push waits only while too many bytes are still
 * being written: that is the backpressure and what bounds memory. Counts bytes, fails the moment
 * the body overflows the descriptor, and checks size and digest at the end.
 */
export class BlobSink {
  private readonly algorithm: DigestAlgorithm;
  private readonly hash: Hash;
  private readonly batchBytes: number;
  private readonly maxInFlight: number;
  private readonly syncEvery: number;
  private batch: Uint8Array[] = [];
  private batchSize = 0;
  private count = 0;
  private position = 0;
  private inFlight = 0;
  private written = 0;
  private syncedAt = 0;
  private syncing: Promise<void> | undefined;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly descriptor: BlobDescriptor,
    private readonly file: FileHandle,
    private readonly options: BlobSinkOptions,
  ) {
    this.algorithm = parseDigest(descriptor.digest).algorithm;
    this.hash = createDigester(this.algorithm);
    this.batchBytes = options.batchBytes ?? MiB;
    this.maxInFlight = Math.max(options.maxInFlightBytes ?? 8 * MiB, this.batchBytes);
    this.syncEvery = options.syncEveryBytes ?? 32 * MiB;
  }

  /** Bytes accepted so far (where a resumed body must start). */
  get bytes(): number {
    return this.count;
  }

  /**
   * Takes the next bytes of the blob. The sink keeps `chunk` until it is written: the caller must
   * not reuse its memory. Resolves once there is room for more.
   */
  async push(chunk: Uint8Array): Promise<void> {
    this.throwIfFailed();
    if (this.count + chunk.byteLength > this.descriptor.size) throw overflowError(this.descriptor);
    if (chunk.byteLength === 0) return;
    this.hash.update(chunk);
    this.count += chunk.byteLength;
    this.batch.push(chunk);
    this.batchSize += chunk.byteLength;
    if (this.batchSize >= this.batchBytes) this.dispatch();
    while (this.inFlight >= this.maxInFlight) {
      this.throwIfFailed();
      await this.nextSettled();
    }
    this.throwIfFailed();
  }

  /** Writes what is left, waits for every write and background sync, then checks size and digest. */
  async finish(): Promise<void> {
    checkComplete(this.descriptor, this.count);
    this.throwIfFailed();
    this.dispatch();
    await Promise.all([...this.writes]);
    await this.syncing;
    this.throwIfFailed();
    checkDigest(this.descriptor, digestOf(this.hash, this.algorithm));
  }

  /** Waits for outstanding writes and syncs (ignoring their outcome); the sink takes nothing more. */
  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    this.batch = [];
    this.batchSize = 0;
    await Promise.allSettled([...this.writes]);
    await this.syncing;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private dispatch(): void {
    if (this.batchSize === 0) return;
    const buffers = this.batch;
    const length = this.batchSize;
    const position = this.position;
    this.batch = [];
    this.batchSize = 0;
    this.position += length;
    this.inFlight += length;
    const write = writevFully(this.file, buffers, position).then(
      () => {
        this.written += length;
        this.startWriteback();
      },
      (error: { code?: unknown }) => {
        const code = typeof error.code === 'string' ? error.code : 'an I/O error';
        this.failure ??= new BlobError('internal', 'write-failed', this.options.describeWriteFailure(code));
      },
    ).finally(() => {
      this.inFlight -= length;
      this.writes.delete(write);
      this.poke();
    });
    this.writes.add(write);
  }

  /** One background fdatasync at a time, once enough new bytes are in the page cache. */
  private startWriteback(): void {
    if (this.syncEvery <= 0 || this.syncing || this.failure || this.written - this.syncedAt < this.syncEvery) return;
    this.syncedAt = this.written;
    this.syncing = this.file
      .datasync()
      .catch((error: { code?: unknown }) => {
        const code = typeof error.code === 'string' ? error.code : 'an I/O error';
        this.failure ??= new BlobError('internal', 'write-failed', this.options.describeWriteFailure(code));
        this.poke();
      })
      .finally(() => {
        this.syncing = undefined;
      });
  }

  private nextSettled(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = resolve));
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
