import type { Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { BlobDescriptor } from './blob-descriptor';
import { BlobError } from './blob-error';
import { checkComplete, checkDigest, overflowError } from './blob-verifier';
import { createDigester, parseDigest, type DigestAlgorithm } from './digest';
import { HashWorker } from './hash-worker';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface BlobSinkOptions {
  /**
   * Hash on a worker thread instead of inline (default false). Measured on the 2-core bench VM
   * under load, a worker was slower for pulls (3.2–9.4 s/GiB against 2.1–3.8 s inline): it
   * competes with the registry and the write thread for the second core.
   */
  hashOnWorker?: boolean;
  /** Called with a write failure's code, for a message that says where. */
  describeWriteFailure: (code: string) => string;
}

/**
 * Where a download's verified bytes go: each chunk is copied into a small ring of large slots; a
 * full slot is handed at once to the hash and to one positioned
 * file write, so receiving and hashing overlap with writing instead of taking turns. A chunk waits
 * only when every slot is still being hashed or written (that is the backpressure). Counts bytes,
 * fails the moment the body overflows the descriptor, and checks size and digest at the end.
 */
export class BlobSink {
  private readonly algorithm: DigestAlgorithm;
  private readonly ring: SharedArrayBuffer;
  private readonly view: Uint8Array;
  private readonly slotSize: number;
  private readonly busy: number[];
  private readonly worker: HashWorker | undefined;
  private readonly hash: Hash | undefined;
  private count = 0;
  private slot = 0;
  private fill = 0;
  private slotStart = 0;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly descriptor: BlobDescriptor,
    private readonly file: FileHandle,
    private readonly options: BlobSinkOptions,
  ) {
    this.algorithm = parseDigest(descriptor.digest).algorithm;
    const onWorker = options.hashOnWorker ?? false;
    // 1 MiB writes, four in the ring: small enough for the memory cap, large enough that a write
    // costs one syscall per 16 socket chunks and a slow write rarely stalls the socket.
    this.slotSize = Math.min(Math.max(descriptor.size, 64 * KiB), MiB);
    const slots = Math.min(4, Math.max(1, Math.ceil(descriptor.size / this.slotSize)));
    this.ring = new SharedArrayBuffer(slots * this.slotSize);
    this.view = new Uint8Array(this.ring);
    this.busy = new Array<number>(slots).fill(0);
    if (onWorker) {
      this.worker = new HashWorker();
      this.worker.start(this.algorithm, (slot) => this.release(slot), (error) => this.fail(new BlobError('internal', 'write-failed', `Could not verify the download: the hashing thread failed (${error.message.slice(0, 80)}).`)));
    } else {
      this.hash = createDigester(this.algorithm);
    }
  }

  /** Bytes accepted so far (where a resumed body must start). */
  get bytes(): number {
    return this.count;
  }

  /** Takes the next bytes of the blob; resolves once they are copied (not yet written). */
  async push(chunk: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.count + chunk.byteLength > this.descriptor.size) throw overflowError(this.descriptor);
    let offset = 0;
    while (offset < chunk.byteLength) {
      if (this.fill === 0) await this.free(this.slot);
      const n = Math.min(this.slotSize - this.fill, chunk.byteLength - offset);
      this.view.set(chunk.subarray(offset, offset + n), this.slot * this.slotSize + this.fill);
      this.fill += n;
      offset += n;
      this.count += n;
      if (this.fill === this.slotSize) this.dispatch();
    }
  }

  /** Writes what is left, waits for every write and the hash, then checks size and digest. */
  async finish(): Promise<void> {
    checkComplete(this.descriptor, this.count);
    await this.drain();
    const hex = this.worker ? await this.worker.digest() : (this.hash as Hash).digest('hex');
    if (this.failure) throw this.failure;
    checkDigest(this.descriptor, `${this.algorithm}:${hex}`);
  }

  /** Waits for outstanding writes (ignoring their outcome) and stops the hashing thread. */
  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    await Promise.allSettled(this.writes);
    await this.worker?.close();
  }

  private async drain(): Promise<void> {
    if (this.fill > 0) this.dispatch();
    for (let slot = 0; slot < this.busy.length; slot += 1) await this.free(slot);
  }

  private dispatch(): void {
    const slot = this.slot;
    const start = slot * this.slotSize;
    const length = this.fill;
    const position = this.slotStart;
    this.busy[slot] = this.worker ? 2 : 1;
    if (this.worker) this.worker.update(this.ring, start, length, slot);
    else (this.hash as Hash).update(this.view.subarray(start, start + length));
    const write = this.file.write(this.view, start, length, position).then(
      () => this.release(slot),
      (error: { code?: string }) => {
        this.fail(new BlobError('internal', 'write-failed', this.options.describeWriteFailure(error.code ?? 'an I/O error')));
        this.release(slot);
      },
    );
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
    this.slotStart += length;
    this.fill = 0;
    this.slot = (slot + 1) % this.busy.length;
  }

  private async free(slot: number): Promise<void> {
    while ((this.busy[slot] ?? 0) > 0) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.failure) throw this.failure;
  }

  private release(slot: number): void {
    this.busy[slot] = Math.max(0, (this.busy[slot] ?? 0) - 1);
    this.poke();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.poke();
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
