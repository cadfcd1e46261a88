import type { Hash } from 'node:crypto';
import type { BlobDescriptor } from './blob-descriptor';
import { BlobError } from './blob-error';
import { createDigester, digestOf, parseDigest, type DigestAlgorithm } from './digest';

/**
 * Counts and hashes a blob's bytes as they stream past. Fails the moment the body overflows the
 * descriptor's size, and at the end if the size or digest differ. Never buffers.
 */
export class BlobVerifier {
  private readonly hash: Hash;
  private readonly algorithm: DigestAlgorithm;
  private count = 0;

  constructor(private readonly descriptor: BlobDescriptor) {
    this.algorithm = parseDigest(descriptor.digest).algorithm;
    this.hash = createDigester(this.algorithm);
  }

  get bytes(): number {
    return this.count;
  }

  update(chunk: Uint8Array): void {
    if (this.count + chunk.byteLength > this.descriptor.size) {
      throw new BlobError(
        'invalid-input',
        'size-mismatch',
        `The registry sent more than the ${this.descriptor.size} bytes blob ${short(this.descriptor.digest)} should have; it was rejected.`,
      );
    }
    this.count += chunk.byteLength;
    this.hash.update(chunk);
  }

  /** Throws unless exactly `size` bytes with the right digest went through. */
  finish(): void {
    if (this.count < this.descriptor.size) {
      throw new BlobError(
        'network',
        'truncated',
        `Blob ${short(this.descriptor.digest)} arrived incomplete (${this.count} of ${this.descriptor.size} bytes).`,
      );
    }
    const actual = digestOf(this.hash, this.algorithm);
    if (actual !== this.descriptor.digest) {
      throw new BlobError(
        'invalid-input',
        'digest-mismatch',
        `Blob ${short(this.descriptor.digest)} does not match its digest (got ${short(actual)}); it was rejected.`,
      );
    }
  }
}

export function short(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}
