import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ContractError } from '../../../shared/contract';

export type DigestAlgorithm = 'sha256' | 'sha512';

const hexLength: Record<DigestAlgorithm, number> = { sha256: 64, sha512: 128 };

/** Why a digest string is not acceptable, or undefined when it is. */
export function digestProblem(digest: string): string | undefined {
  if (digest.length > 200) return 'it is too long';
  const colon = digest.indexOf(':');
  if (colon < 0) return 'it has no "algorithm:" prefix (e.g. sha256:…)';
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  if (algorithm !== 'sha256' && algorithm !== 'sha512') return `the algorithm "${algorithm.slice(0, 20)}" is not supported (sha256 or sha512)`;
  if (!/^[0-9a-f]*$/.test(hex)) return /^[0-9a-fA-F]*$/.test(hex) ? 'its hex part must be lowercase' : 'its hex part has characters other than 0-9 a-f';
  if (hex.length !== hexLength[algorithm]) return `a ${algorithm} digest has ${hexLength[algorithm]} hex characters, this one has ${hex.length}`;
  return undefined;
}

export function isDigest(value: unknown): value is string {
  return typeof value === 'string' && digestProblem(value) === undefined;
}

/** Refuses an invalid digest before any I/O, naming what is wrong. */
export function assertDigest(digest: string, what = 'digest'): string {
  const problem = digestProblem(digest);
  if (problem) throw new ContractError('invalid-input', `The ${what} "${digest.slice(0, 80)}" is not valid: ${problem}.`);
  return digest;
}

export function digestAlgorithm(digest: string): DigestAlgorithm {
  return assertDigest(digest).split(':', 1)[0] as DigestAlgorithm;
}

export function digestOf(data: Buffer | string, algorithm: DigestAlgorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

/** Hashes a stream without holding it: returns the digest and the byte count. */
export async function digestStream(
  stream: Readable | AsyncIterable<Uint8Array>,
  algorithm: DigestAlgorithm = 'sha256',
  signal?: AbortSignal,
): Promise<{ digest: string; size: number }> {
  const hash = createHash(algorithm);
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    signal?.throwIfAborted();
    hash.update(chunk);
    size += chunk.length;
  }
  return { digest: `${algorithm}:${hash.digest('hex')}`, size };
}
