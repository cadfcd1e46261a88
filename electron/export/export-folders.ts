import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { ExportFormat } from '../../shared/contract';
import { writeFileDurable } from '../fs/durable-write';

/** Where exports go by default: the folder the last export went to, else the user's Downloads folder. */
export class ExportFolders {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'exports.json');
  }

  async suggest(repository: string, reference: string | undefined, format: ExportFormat): Promise<string> {
    const saved = await readFile(this.file, 'utf8')
      .then((text) => (JSON.parse(text) as { lastFolder?: unknown }).lastFolder)
      .catch(() => undefined);
    const folder = typeof saved === 'string' && isAbsolute(saved) ? saved : join(homedir(), 'Downloads');
    return join(folder, exportName(repository, reference, format));
  }

  /** Keeps the folder the export went into (its parent), for the next suggestion. */
  async remember(path: string): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileDurable(this.file, JSON.stringify({ lastFolder: dirname(path) }));
  }
}

/**
 * `alpine.tar`, `alpine-3.19/`: the repository's last name, so an opened export is named like the
 * repository it came from; an artifact adds its tag (or the digest's first 12 hex digits).
 */
export function exportName(repository: string, reference: string | undefined, format: ExportFormat): string {
  const base = repository.split('/').pop() ?? repository;
  const suffix = reference === undefined ? '' : `-${reference.includes(':') ? reference.slice(reference.indexOf(':') + 1, reference.indexOf(':') + 13) : reference}`;
  return `${base}${suffix}${format === 'archive' ? '.tar' : ''}`;
}
