import { ContractError } from '../../shared/contract';

/**
 * A layout that cannot be read as it is: names the repository and the file, and says that nothing
 * was changed. Stevedore never repairs or deletes such a layout on its own.
 */
export class LayoutDamaged extends ContractError {
  constructor(
    readonly repository: string,
    readonly file: string,
    readonly problem: string,
  ) {
    super('internal', `The Local repository "${repository}" is damaged: ${file} ${problem}. Stevedore left it unchanged; restore the file, or delete the repository's folder to start again.`);
  }
}

export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
}
