import { realpathSync } from 'node:fs';
import path from 'node:path';
import { ContractError } from '../../shared/contract';

/** More than any download places at its top level; a drag of more would be a bug, not a wish. */
export const MAX_DRAGGED_PATHS = 1000;
const MAX_PATH_LENGTH = 4096;

/**
 * The paths that may be dragged out, by their real paths: each absolute and inside `folder`,
 * compared by real paths so that neither a symlink nor a symlinked folder on the way leads
 * elsewhere. One outside the folder refuses the whole drag; ones gone from disk are left out, and
 * when none is left the answer says so.
 */
export function draggablePaths(paths: readonly string[], folder: string): [string, ...string[]] {
  if (!isPlainAbsolutePath(folder)) throw new ContractError('invalid-input', 'Only files in a download’s folder can be dragged out.');
  if (paths.length === 0) throw new ContractError('invalid-input', 'The download placed nothing that could be dragged out.');
  if (paths.length > MAX_DRAGGED_PATHS) throw new ContractError('invalid-input', `At most ${MAX_DRAGGED_PATHS} files can be dragged out at once: open the folder instead.`);
  const root = realOrNull(folder);
  if (root === null) throw new ContractError('not-found', `The download’s folder ${folder} is no longer there.`);
  const kept: string[] = [];
  for (const candidate of paths) {
    if (!isPlainAbsolutePath(candidate) || !isInside(path.resolve(folder), path.resolve(candidate))) {
      throw new ContractError('denied', `Only files in the download’s folder can be dragged out, not ${path.basename(String(candidate)).slice(0, 200)}.`);
    }
    const real = realOrNull(candidate);
    if (real === null) continue;
    if (!isInside(root, real)) {
      throw new ContractError('denied', `${path.basename(candidate)} leads outside the download’s folder: it is not dragged.`);
    }
    kept.push(real);
  }
  const [first, ...rest] = kept;
  if (first === undefined) throw new ContractError('not-found', `The downloaded files are no longer in ${folder}.`);
  return [first, ...rest];
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function realOrNull(value: string): string | null {
  try {
    return realpathSync(value);
  } catch {
    return null;
  }
}

function isPlainAbsolutePath(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_PATH_LENGTH && !value.includes('\0') && path.isAbsolute(value);
}
