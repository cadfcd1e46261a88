import { createHash, type Hash } from 'node:crypto';
import { ContractError } from '../../../shared/contract';

const digestPattern = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export type DigestAlgorithm = 'sha256' | 'sha512';

/** Checks an OCI digest (sha256 or sha512, lowercase hex) and returns its algorithm. */
export function parseDigest(digest: string): { algorithm: DigestAlgorithm; hex: string } {
  if (typeof digest !== 'string' || !digestPattern.test(digest)) {
    throw new ContractError('invalid-input', `"${String(digest).slice(0, 80)}" is not a valid sha256 or sha512 digest.`);
  }
  const [algorithm, hex] = digest.split(':') as [DigestAlgorithm, string];
  return { algorithm, hex };
}

export function createDigester(algorithm: DigestAlgorithm = 'sha256'): Hash {
  return createHash(algorithm);
}

export function digestOf(hash: Hash, algorithm: DigestAlgorithm): string {
  return `${algorithm}:${hash.digest('hex')}`;
}

export function digestBytes(data: Uint8Array, algorithm: DigestAlgorithm = 'sha256'): string {
  return digestOf(createHash(algorithm).update(data), algorithm);
}
