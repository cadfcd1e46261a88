import { Worker } from 'node:worker_threads';
import type { DigestAlgorithm } from './digest';

// The worker's whole program, evaluated (not a separate file) so it runs the same way in the
// Electron bundle, the web host and vitest. It trusts only its parent; sizes come from us.
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
let hash;
parentPort.on('message', (message) => {
  switch (message.type) {
    case 'start':
      hash = createHash(message.algorithm);
      break;
    case 'update':
      hash.update(new Uint8Array(message.buffer, message.offset, message.length));
      parentPort.postMessage({ type: 'hashed', slot: message.slot });
      break;
    case 'digest':
      parentPort.postMessage({ type: 'digest', hex: hash.digest('hex') });
      break;
    case 'file': {
      const file = createHash(message.algorithm);
      const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
      let fd;
      try {
        fd = openSync(message.path, 'r');
        let read;
        while ((read = readSync(fd, buffer, 0, buffer.length, null)) > 0) file.update(buffer.subarray(0, read));
        parentPort.postMessage({ type: 'digest', hex: file.digest('hex') });
      } catch (error) {
        parentPort.postMessage({ type: 'error', code: String(error && error.code || 'EIO') });
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
      break;
    }
  }
});
`;

/** Files from this size on are hashed on a worker while they upload (its start-up is worth it). */
export const WORKER_HASH_THRESHOLD = 32 * 1024 * 1024;

type WorkerMessage = { type: 'hashed'; slot: number } | { type: 'digest'; hex: string } | { type: 'error'; code: string };

/**
 * A sha256/sha512 running on its own thread (the second core), so hashing overlaps receiving and
 * writing. Feed it views of a SharedArrayBuffer in order; it says when it is done with each.
 */
export class HashWorker {
  private readonly worker: Worker;
  private pendingDigest: { resolve: (hex: string) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;
  private onHashed: (slot: number) => void = () => undefined;
  private onFailed: (error: Error) => void = () => undefined;

  constructor() {
    this.worker = new Worker(SOURCE, { eval: true });
    this.worker.unref();
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'hashed') this.onHashed(message.slot);
      else if (message.type === 'digest') this.settle(undefined, message.hex);
      else this.settle(new Error(message.code));
    });
    this.worker.on('error', (error) => this.settle(error));
    this.worker.on('exit', () => this.settle(new Error('the hashing thread stopped')));
  }

  /** Starts an incremental hash; `hashed(slot)` is called as each update is consumed. */
  start(algorithm: DigestAlgorithm, hashed: (slot: number) => void, failed: (error: Error) => void): void {
    this.onHashed = hashed;
    this.onFailed = failed;
    this.worker.postMessage({ type: 'start', algorithm });
  }

  update(buffer: SharedArrayBuffer, offset: number, length: number, slot: number): void {
    this.worker.postMessage({ type: 'update', buffer, offset, length, slot });
  }

  /** The hex digest of everything fed since `start`. */
  digest(): Promise<string> {
    return this.ask({ type: 'digest' });
  }

  /** Hashes a whole file on the worker thread, reading it from disk on its own. */
  hashFile(path: string, algorithm: DigestAlgorithm): Promise<string> {
    return this.ask({ type: 'file', path, algorithm });
  }

  async close(): Promise<void> {
    this.onHashed = () => undefined;
    this.onFailed = () => undefined;
    await this.worker.terminate();
  }

  private ask(message: object): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pendingDigest) return Promise.reject(new Error('the hashing thread is busy'));
    return new Promise((resolve, reject) => {
      this.pendingDigest = { resolve, reject };
      this.worker.postMessage(message);
    });
  }

  private settle(error: Error | undefined, hex?: string): void {
    if (error && !this.failure) {
      this.failure = error;
      this.onFailed(error);
    }
    const pending = this.pendingDigest;
    this.pendingDigest = undefined;
    if (!pending) return;
    if (error) pending.reject(error);
    else pending.resolve(hex as string);
  }
}
