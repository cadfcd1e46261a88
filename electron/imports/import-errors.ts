import { ContractError } from '../../shared/contract';

/**
 * An opened layout or archive that cannot be read as it is: names the path and the file inside it
 * that is wrong. Stevedore opened it read-only, so nothing was changed.
 */
export class ImportDamaged extends ContractError {
  constructor(
    readonly path: string,
    readonly file: string,
    readonly problem: string,
  ) {
    super('internal', `${path} cannot be opened as an OCI layout: ${file} ${problem}. Stevedore changed nothing (it opens layouts read-only); open another folder or archive, or write this one again with the tool that made it.`);
  }
}

/** Every write to an opened layout or archive is refused with this. */
export function readOnlyError(name: string): ContractError {
  return new ContractError('denied', `${name} was opened read-only; copy the artifact to Local or a registry to change it.`);
}
