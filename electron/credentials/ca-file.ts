import { readFile, stat } from 'node:fs/promises';
import { ContractError } from '../../shared/contract';

const MAX_CA_BYTES = 1024 * 1024;

/** Reads a registry's CA certificate file (PEM, bounded); a ContractError a user can act on when it is unusable. */
export async function readCa(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_CA_BYTES) throw new Error('not a certificate file');
    const pem = await readFile(path, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it');
    return pem;
  } catch (error) {
    throw new ContractError('invalid-input', `The CA certificate ${path} cannot be used (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); choose a PEM file.`);
  }
}
