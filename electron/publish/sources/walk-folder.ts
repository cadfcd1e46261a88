import type { Stats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError } from '../../../shared/contract';
import type { WalkedNode } from '../model';

export interface WalkLimits {
  /** Regular files and links allowed in all folders of one draft together. */
  maxFiles: number;
  /** Folder nesting below the dropped folder. */
  maxDepth: number;
  /** Files, links and folders together (a tree of empty folders is bounded too). */
  maxNodes: number;
}

export const WALK_LIMITS: WalkLimits = { maxFiles: 10_000, maxDepth: 64, maxNodes: 50_000 };
/** Names of one folder looked at together: enough to keep the thread pool busy, few past a limit. */
const LSTAT_WINDOW = 64;

export interface WalkResult {
  nodes: WalkedNode[];
  size: number;
  fileCount: number;
}

/** The sort oras-go's filepath.Walk uses: byte order of the UTF-8 names. */
export function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** What a file-system error means to the user, naming the file. */
export function unreadable(what: string, error: unknown): ContractError {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return new ContractError('not-found', `${what} is no longer there (it was moved or deleted); drop it again.`);
  if (code === 'EACCES' || code === 'EPERM') return new ContractError('denied', `${what} cannot be read (permission denied); fix its permissions or leave it out.`);
  if (code === 'ELOOP' || code === 'ENAMETOOLONG') return new ContractError('invalid-input', `${what} has a path too long or looping to read.`);
  return new ContractError('invalid-input', `${what} cannot be read (${code ?? 'unreadable'}).`);
}

export function kindOf(info: Stats): WalkedNode['type'] | 'special' {
  if (info.isSymbolicLink()) return 'symlink';
  if (info.isFile()) return 'file';
  if (info.isDirectory()) return 'directory';
  return 'special';
}

function specialName(info: Stats): string {
  if (info.isSocket()) return 'a socket';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Lists a folder with lstat only: links are kept as links and never followed; sockets, FIFOs and
 * devices are refused by name. Pre-order with names in byte order, as `oras push dir/` walks it.
 * Only names and sizes are held, never file contents.
 */
export async function walkFolder(root: string, label: string, budget: { files: number; nodes?: number }, limits: WalkLimits = WALK_LIMITS): Promise<WalkResult> {
  const nodes: WalkedNode[] = [];
  let size = 0;
  let fileCount = 0;
  const visit = async (dir: string, rel: string, depth: number): Promise<void> => {
    if (depth > limits.maxDepth) throw new ContractError('invalid-input', `${label}/${rel} is nested more than ${limits.maxDepth} folders deep; publish a shallower folder.`);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      throw unreadable(rel ? `${label}/${rel}` : label, error);
    }
    names.sort(compareNames);
    // lstat a window of names at once (the thread pool works in parallel), then take them in order
    let window: Array<Promise<Stats | { failed: unknown }>> = [];
    for (const [index, name] of names.entries()) {
      if (index % LSTAT_WINDOW === 0) {
        window = names.slice(index, index + LSTAT_WINDOW).map((n) => lstat(join(dir, n)).catch((failed: unknown) => ({ failed })));
      }
      const childRel = rel ? `${rel}/${name}` : name;
      const shown = `${label}/${childRel}`;
      const looked = await window[index % LSTAT_WINDOW]!;
      if ('failed' in looked) throw unreadable(shown, looked.failed);
      const info: Stats = looked;
      budget.nodes = (budget.nodes ?? limits.maxNodes) - 1;
      if (budget.nodes < 0) throw new ContractError('invalid-input', `More than ${limits.maxNodes.toLocaleString('en')} files and folders in this drop (counting ${label}); publish fewer at once, or pack them into an archive first.`);
      const type = kindOf(info);
      if (type === 'special') throw new ContractError('invalid-input', `${shown} is ${specialName(info)}; only files, folders and symbolic links can be published. Move it out of the folder.`);
      if (type !== 'directory') {
        budget.files -= 1;
        if (budget.files < 0) throw new ContractError('invalid-input', `More than ${limits.maxFiles.toLocaleString('en')} files: publish fewer at once, or pack them into an archive first.`);
        fileCount += 1;
      }
      if (type === 'file') size += info.size;
      const node: WalkedNode = { rel: childRel, type, size: type === 'file' ? info.size : 0, mtimeMs: info.mtimeMs };
      if (type === 'symlink') {
        node.target = await readlink(join(dir, name)).catch((error: unknown) => {
          throw unreadable(shown, error);
        });
      }
      nodes.push(node);
      if (type === 'directory') await visit(join(dir, name), childRel, depth + 1);
    }
  };
  await visit(root, '', 1);
  return { nodes, size, fileCount };
}

/** A link whose target leaves the folder (absolute, or `..` past its top): `oras pull` refuses to write it. */
export function escapesFolder(node: WalkedNode): boolean {
  if (node.type !== 'symlink' || node.target === undefined) return false;
  if (node.target.startsWith('/')) return true;
  const depth = node.rel.split('/').length - 1;
  let level = depth;
  for (const part of node.target.split('/')) {
    if (part === '..') level -= 1;
    else if (part !== '.' && part !== '') level += 1;
    if (level < 0) return true;
  }
  return false;
}
