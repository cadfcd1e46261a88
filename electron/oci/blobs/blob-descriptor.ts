import { ContractError } from '../../../shared/contract';
import { parseDigest } from './digest';

/** The part of an OCI descriptor that blob transfer needs. */
export interface BlobDescriptor {
  digest: string;
  size: number;
  mediaType?: string;
}

/** Rejects a descriptor a registry or manifest could use to make us misbehave (bad digest, absurd size). */
export function checkDescriptor(descriptor: BlobDescriptor): void {
  parseDigest(descriptor.digest);
  if (!Number.isSafeInteger(descriptor.size) || descriptor.size < 0) {
    throw new ContractError('invalid-input', `Blob ${descriptor.digest} has an invalid size (${String(descriptor.size).slice(0, 30)}).`);
  }
}
