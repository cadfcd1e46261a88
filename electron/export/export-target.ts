import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, normalize } from 'node:path';
import type { ExportFormat, ExportTargetCheck } from '../../shared/contract';
import { ContractError } from '../../shared/contract';
import { readLayout } from '../store/layout-files';
import { tagMap } from '../store/layout-index';
import { LAYOUT_FILE } from '../store/layout-paths';

const MAX_PATH = 4096;

/**
 * Looks at where an export would go, changing nothing. A folder: new or empty (`create`), an image
 * layout (`add`: its tags stay), anything else is refused. An archive: a new file (`create`) or an
 * existing file (`replace`, only when asked). The parent folder must exist and be writable.
 */
export async function checkTarget(path: string, format: ExportFormat): Promise<ExportTargetCheck> {
  if (!isAbsolute(path) || path.includes('\0') || path.length > MAX_PATH) {
    return { path, format, problem: 'Give the full path (starting with / or a drive letter).' };
  }
  const target = normalize(path).replace(/(.)[\\/]+$/, '$1');
  const refuse = (problem: string): ExportTargetCheck => ({ path: target, format, problem });
  const info = await stat(target).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    if (info.code !== 'ENOENT') return refuse(`${target} cannot be read (${info.code ?? 'error'}).`);
    const parentProblem = await writableFolderProblem(dirname(target));
    return parentProblem ? refuse(parentProblem) : { path: target, format, action: 'create' };
  }
  if (format === 'archive') {
    if (info.isDirectory()) return refuse(`${target} is a folder: give the archive a file name, such as ${normalize(`${target}/${basename(target) || 'export'}.tar`)}.`);
    if (!info.isFile()) return refuse(`${target} is not a regular file; choose another name.`);
    const parentProblem = await writableFolderProblem(dirname(target));
    return parentProblem ? refuse(parentProblem) : { path: target, format, action: 'replace' };
  }
  if (!info.isDirectory()) return refuse(`${target} is a file, not a folder: choose a folder, or export as an archive.`);
  const ownProblem = await writableFolderProblem(target);
  if (ownProblem) return refuse(ownProblem);
  const entries = await readdir(target);
  if (entries.length === 0) return { path: target, format, action: 'create' };
  if (!entries.includes(LAYOUT_FILE)) {
    return refuse(`${target} holds other files and is not an OCI image layout (it has no ${LAYOUT_FILE} file). Choose a new or empty folder, or an existing layout to add to.`);
  }
  try {
    const layout = await readLayout(target, basename(target));
    if (layout.kind !== 'layout') return refuse(`${target} has an ${LAYOUT_FILE} file but no index.json; it is not a layout Stevedore can add to.`);
    return { path: target, format, action: 'add', existingTags: tagMap(layout.index).size };
  } catch (error) {
    const reason = error instanceof ContractError ? error.message : 'it cannot be read';
    return refuse(`${target} is an image layout Stevedore cannot add to: ${reason}`);
  }
}

/** A check that can take the export now (with `replace` for an existing archive), else a ContractError saying why. */
export async function usableTarget(path: string, format: ExportFormat, replace: boolean): Promise<ExportTargetCheck & { action: NonNullable<ExportTargetCheck['action']> }> {
  const check = await checkTarget(path, format);
  if (check.problem !== undefined || check.action === undefined) throw new ContractError('invalid-input', check.problem ?? `${path} cannot take the export.`);
  if (check.action === 'replace' && !replace) {
    throw new ContractError('invalid-input', `${check.path} exists already. Choose another name, or confirm that it is to be replaced.`);
  }
  return { ...check, action: check.action };
}

async function writableFolderProblem(folder: string): Promise<string | undefined> {
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    return info.code === 'ENOENT' ? `The folder ${folder} does not exist: create it first, or choose another place.` : `${folder} cannot be read (${info.code ?? 'error'}).`;
  }
  if (!info.isDirectory()) return `${folder} is a file, not a folder.`;
  const writable = await access(folder, constants.W_OK | constants.X_OK).then(
    () => true,
    () => false,
  );
  return writable ? undefined : `Stevedore cannot write in ${folder} (no permission).`;
}
