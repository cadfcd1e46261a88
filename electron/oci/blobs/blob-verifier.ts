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
    if (this.count + chunk.byteLength > this.descriptor.size) throw overflowError(this.descriptor);
    this.count += chunk.byteLength;
    this.hash.update(chunk);
  }

  /** Throws unless exactly `size` bytes with the right digest went through. */
  finish(): void {
    checkComplete(this.descriptor, this.count);
    checkDigest(this.descriptor, digestOf(this.hash, this.algorithm));
  }
}

export function overflowError(descriptor: BlobDescriptor): BlobError {
  return new BlobError(
    'invalid-input',
    'size-mismatch',
    `The registry sent more than the ${descriptor.size} bytes blob ${short(descriptor.digest)} should have; it was rejected.`,
  );
}

export function checkComplete(descriptor: BlobDescriptor, count: number): void {
  if (count < descriptor.size) {
    throw new BlobError('network', 'truncated', `Blob ${short(descriptor.digest)} arrived incomplete (${count} of ${descriptor.size} bytes).`);
  }
}

export function checkDigest(descriptor: BlobDescriptor, actual: string): void {
  if (actual !== descriptor.digest) {
    throw new BlobError('invalid-input', 'digest-mismatch', `Blob ${short(descriptor.digest)} does not match its digest (got ${short(actual)}); it was rejected.`);
  }
}

export function short(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}
