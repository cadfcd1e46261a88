import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { ContractError } from '../../shared/contract';

export const DROP_TTL_MS = 5 * 60_000;
export const MAX_DROPPED_PATHS = 10_000;
const MAX_PATH_LENGTH = 4096;

export interface DroppedPath {
  path: string;
  kind: 'file' | 'directory';
  size: number;
}

/**
 * Paths the preload saw in a real drop, kept briefly. A call that names local paths (publish) may
 * use only paths from this list, each once: the renderer alone cannot make main read a file.
 */
export class DropAllowList {
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = DROP_TTL_MS,
  ) {}

  /** Records the paths of one drop; ignores anything that is not an absolute, plain path. Returns how many were kept. */
  register(paths: unknown): number {
    if (!Array.isArray(paths)) return 0;
    this.prune();
    const expires = this.now() + this.ttlMs;
    let kept = 0;
    for (const candidate of paths.slice(0, MAX_DROPPED_PATHS)) {
      if (!isPlainAbsolutePath(candidate)) continue;
      if (!this.entries.has(candidate) && this.entries.size >= MAX_DROPPED_PATHS) break;
      this.entries.set(candidate, expires);
      kept++;
    }
    return kept;
  }

  /** Takes the paths out of the list; fails, taking none, if any was not dropped recently. */
  consume(paths: readonly string[]): string[] {
    this.prune();
    const unknown = paths.find((p) => !this.entries.has(p));
    if (unknown !== undefined) {
      throw new ContractError('denied', `${path.basename(String(unknown)).slice(0, 200) || 'That path'} was not dropped on Stevedore just now; drop it again.`);
    }
    for (const p of paths) this.entries.delete(p);
    return [...paths];
  }

  get size(): number {
    this.prune();
    return this.entries.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [p, expires] of this.entries) if (expires <= now) this.entries.delete(p);
  }
}

/** Consumes dropped paths and looks at each again on disk now; links are refused, not followed. */
export async function takeDroppedPaths(list: DropAllowList, paths: readonly string[]): Promise<DroppedPath[]> {
  const taken = list.consume(paths);
  const result: DroppedPath[] = [];
  for (const p of taken) {
    const name = path.basename(p);
    let info;
    try {
      info = await lstat(p);
    } catch {
      throw new ContractError('not-found', `${name} is no longer there; drop it again.`);
    }
    if (info.isSymbolicLink()) throw new ContractError('invalid-input', `${name} is a symbolic link; drop the file or folder it points to.`);
    if (!info.isFile() && !info.isDirectory()) throw new ContractError('invalid-input', `${name} is not a regular file or folder.`);
    result.push({ path: p, kind: info.isFile() ? 'file' : 'directory', size: info.size });
  }
  return result;
}

function isPlainAbsolutePath(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_PATH_LENGTH &&
    !value.includes('\0') &&
    path.isAbsolute(value) &&
    path.normalize(value) === value
  );
}
