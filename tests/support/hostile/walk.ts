import { lstat, readdir, readlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface WalkedEntry {
  /** Relative to the walked folder, `/`-separated. */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'other';
  mode: number;
  size: number;
  linkTarget?: string;
}

/** Every entry under a folder (links not followed), sorted by path. */
export async function walk(folder: string): Promise<WalkedEntry[]> {
  const found: WalkedEntry[] = [];
  async function visit(dir: string): Promise<void> {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const stats = await lstat(path);
      const rel = relative(folder, path).split(sep).join('/');
      if (stats.isSymbolicLink()) {
        found.push({ path: rel, type: 'symlink', mode: stats.mode & 0o7777, size: 0, linkTarget: await readlink(path) });
      } else if (stats.isDirectory()) {
        found.push({ path: rel, type: 'dir', mode: stats.mode & 0o7777, size: 0 });
        await visit(path);
      } else {
        found.push({ path: rel, type: stats.isFile() ? 'file' : 'other', mode: stats.mode & 0o7777, size: stats.size });
      }
    }
  }
  await visit(folder);
  return found;
}

/**
 * What a download must never leave: a link under `root` whose target (followed textually, link
 * by link) leaves `root`, or anything in `sandbox` outside `root` that was not there before.
 */
export async function breakouts(sandbox: string, root: string, before: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  const all = await walk(sandbox);
  const rootRel = relative(sandbox, root).split(sep).join('/');
  for (const entry of all) {
    const inside = entry.path === rootRel || entry.path.startsWith(`${rootRel}/`);
    if (!inside && !before.includes(entry.path)) problems.push(`${entry.path} appeared outside the folder`);
    if (inside && entry.type === 'symlink' && entry.linkTarget !== undefined) {
      if (isAbsolute(entry.linkTarget)) {
        problems.push(`${entry.path} links to the absolute path ${entry.linkTarget}`);
        continue;
      }
      const target = resolve(dirname(join(sandbox, entry.path)), entry.linkTarget);
      const real = await realTarget(target);
      if (real !== root && !real.startsWith(`${root}${sep}`)) problems.push(`${entry.path} leads to ${real}, outside the folder`);
    }
  }
  return problems;
}

/** Resolves as far as the path exists (links followed), the rest taken as written. */
async function realTarget(path: string, hops = 0): Promise<string> {
  if (hops > 40) return '/(link loop)';
  const parts = path.split(sep).filter(Boolean);
  let current: string = sep;
  for (const [index, part] of parts.entries()) {
    const next = join(current, part);
    const stats = await lstat(next).catch(() => undefined);
    if (stats?.isSymbolicLink()) {
      const target = resolve(current, await readlink(next));
      return realTarget(join(target, ...parts.slice(index + 1)), hops + 1);
    }
    current = next;
  }
  return current;
}
