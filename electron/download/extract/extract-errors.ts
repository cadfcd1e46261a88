import { ContractError } from '../../../shared/contract';
import { shown } from './entry-path';

/** One entry that will not be written (unsafe name, a link leaving the folder, a device…); the rest go on. */
export class EntryRefused extends Error {
  override readonly name = 'EntryRefused';
  constructor(
    readonly entry: string,
    readonly reason: string,
  ) {
    super(`${entry}: ${reason}`);
  }
}

/** The whole archive is stopped (a cap, a damaged or hostile stream); what it wrote is removed. */
export class ExtractionStopped extends ContractError {
  constructor(message: string) {
    super('invalid-input', message);
  }
}

/** An entry left out, and why: for the summary. */
export interface SkippedEntry {
  name: string;
  reason: string;
}

/** The file system's own refusals of a name (too long with the folder's path, bytes it cannot store) refuse that entry only. */
export function unholdableName(error: unknown, name: string): EntryRefused | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENAMETOOLONG') return new EntryRefused(shown(name), 'is too long for this file system once joined to the folder’s path');
  if (code === 'EILSEQ') return new EntryRefused(shown(name), 'has characters this file system cannot store');
  return undefined;
}
