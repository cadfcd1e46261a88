import type { Hash } from 'node:crypto';
import { Transform } from 'node:stream';

/**
 * Hashes a source exactly once even when ranges of it are re-read for resumed chunks: only bytes
 * past the hashed frontier are fed to the hash. Also reports progress as bytes stream out.
 */
export class HashFrontier {
  private frontier = 0;

  constructor(private readonly hash: Hash | undefined) {}

  get hashedTo(): number {
    return this.frontier;
  }

  /** A pass-through for bytes starting at `start` of the source. */
  tap(start: number, onBytes?: (position: number) => void): Transform {
    let position = start;
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        const end = position + chunk.byteLength;
        if (this.hash && end > this.frontier) {
          if (position > this.frontier) {
            callback(new Error(`hashing gap: bytes ${this.frontier}-${position} were never read`));
            return;
          }
          this.hash.update(chunk.subarray(this.frontier - position));
          this.frontier = end;
        }
        position = end;
        onBytes?.(position);
        callback(null, chunk);
      },
    });
  }
}
