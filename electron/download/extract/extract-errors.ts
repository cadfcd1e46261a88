import { ContractError } from '../../../shared/contract';

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
