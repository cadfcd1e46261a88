import path from 'node:path';
import { ContractError } from '../../shared/contract';

/** What a finished download left: its folder and the names it placed at the folder's top. */
export interface FinishedDownload {
  folder: string;
  placed: readonly string[];
}

/** The placed outputs as full paths, each a plain name in the folder (never a path of its own). */
export function placedPaths({ folder, placed }: FinishedDownload): string[] {
  const paths = placed.filter(isPlainName).map((name) => path.join(folder, name));
  if (paths.length === 0) throw new ContractError('not-found', `This download placed nothing that can be dragged out (everything was skipped): look in ${folder}.`);
  return paths;
}

function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\\') && !name.includes('\0');
}
