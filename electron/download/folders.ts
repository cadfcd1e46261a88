import { constants } from 'node:fs';
import { access, mkdir, readFile, stat, writeFile, rename } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, normalize } from 'node:path';
import type { FolderCheck } from '../../shared/contract';
import { ContractError } from '../../shared/contract';

/** Where downloads go: checks for the web mode folder field, and the last folder used. */
export class DownloadFolders {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'downloads.json');
  }

  async check(path: string): Promise<FolderCheck> {
    if (!isAbsolute(path)) return { path, exists: false, writable: false, problem: 'Give the full path of a folder (starting with / or a drive).' };
    const folder = normalize(path);
    const stats = await stat(folder).catch((error: NodeJS.ErrnoException) => error);
    if (stats instanceof Error) {
      if (stats.code === 'ENOENT') return { path: folder, exists: false, writable: false };
      return { path: folder, exists: false, writable: false, problem: `The folder cannot be read (${stats.code ?? 'error'}).` };
    }
    if (!stats.isDirectory()) return { path: folder, exists: true, writable: false, problem: 'That is a file, not a folder.' };
    const writable = await access(folder, constants.W_OK | constants.X_OK).then(
      () => true,
      () => false,
    );
    return writable ? { path: folder, exists: true, writable } : { path: folder, exists: true, writable, problem: 'Stevedore cannot write in that folder (no permission).' };
  }

  async create(path: string): Promise<FolderCheck> {
    if (!isAbsolute(path)) throw new ContractError('invalid-input', 'Give the full path of a folder (starting with / or a drive).');
    try {
      await mkdir(normalize(path), { recursive: true, mode: 0o755 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new ContractError('invalid-input', `The folder could not be created (${code}).`);
    }
    return this.check(path);
  }

  /** A folder that can take a download now, or a ContractError saying what is wrong. */
  async usable(path: string): Promise<string> {
    const check = await this.check(path);
    if (!check.exists) throw new ContractError('invalid-input', `The folder ${check.path} does not exist: create it first.`);
    if (check.problem) throw new ContractError('invalid-input', check.problem);
    return check.path;
  }

  /** The last folder a download went to, else the user's Downloads folder. */
  async suggested(): Promise<string> {
    return (await this.suggestions())[0] as string;
  }

  /** The last folder used (when there is one), then the user's Downloads folder. */
  async suggestions(): Promise<string[]> {
    const saved = await readFile(this.file, 'utf8')
      .then((text) => (JSON.parse(text) as { lastFolder?: unknown }).lastFolder)
      .catch(() => undefined);
    const downloads = join(homedir(), 'Downloads');
    return typeof saved === 'string' && isAbsolute(saved) && saved !== downloads ? [saved, downloads] : [downloads];
  }

  async remember(folder: string): Promise<void> {
    const temp = `${this.file}.${process.pid}.tmp`;
    await mkdir(join(this.file, '..'), { recursive: true });
    await writeFile(temp, JSON.stringify({ lastFolder: folder }), { mode: 0o600 });
    await rename(temp, this.file);
  }
}
