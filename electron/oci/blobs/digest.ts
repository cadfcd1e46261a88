import { createHash, type Hash } from 'node:crypto';
import { digestAlgorithm, digestOf as digestOfBytes, type DigestAlgorithm } from '../reference/digest';

export type { DigestAlgorithm };

/** Checks an OCI digest (the shared rules in reference/digest) and splits it. */
export function parseDigest(digest: string): { algorithm: DigestAlgorithm; hex: string } {
  const algorithm = digestAlgorithm(digest);
  return { algorithm, hex: digest.slice(algorithm.length + 1) };
}

/** A hash fed chunk by chunk while bytes stream past; finish it with `digestOf`. */
export function createDigester(algorithm: DigestAlgorithm = 'sha256'): Hash {
  return createHash(algorithm);
}

export function digestOf(hash: Hash, algorithm: DigestAlgorithm): string {
  return `${algorithm}:${hash.digest('hex')}`;
}

export function digestBytes(data: Uint8Array, algorithm: DigestAlgorithm = 'sha256'): string {
  return digestOfBytes(Buffer.from(data.buffer, data.byteOffset, data.byteLength), algorithm);
}
