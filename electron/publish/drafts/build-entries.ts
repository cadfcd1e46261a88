import { lstat } from 'node:fs/promises';
import { ContractError } from '../../../shared/contract';
import { guessMediaType, isChartFolder } from '../detect/detect-kind';
import { sniffFile } from '../detect/sniff-file';
import type { LocalEntry } from '../model';
import type { SourceRoot } from '../sources/open-sources';
import { compareNames, unreadable, walkFolder, WALK_LIMITS, type WalkLimits } from '../sources/walk-folder';

/** Dropped roots → draft entries: folders walked (lstat only), files sniffed, ids in name order. */
export async function buildEntries(roots: readonly SourceRoot[], limits: WalkLimits = WALK_LIMITS): Promise<LocalEntry[]> {
  if (roots.length > limits.maxFiles) throw new ContractError('invalid-input', `More than ${limits.maxFiles.toLocaleString('en')} items were dropped; publish fewer at once.`);
  const sorted = [...roots].sort((a, b) => compareNames(a.name, b.name));
  const budget = { files: limits.maxFiles };
  const entries: LocalEntry[] = [];
  for (const [index, root] of sorted.entries()) {
    const id = `e${index.toString(36)}`;
    const info = await lstat(root.path).catch((error: unknown) => {
      throw unreadable(root.name, error);
    });
    if (root.type === 'directory') {
      if (!info.isDirectory()) throw new ContractError('invalid-input', `${root.name} is no longer a folder; drop it again.`);
      const walked = await walkFolder(root.path, root.name, budget, limits);
      const entry: LocalEntry = { id, name: root.name, path: root.path, type: 'directory', size: walked.size, fileCount: walked.fileCount, mtimeMs: info.mtimeMs, nodes: walked.nodes, mediaType: '' };
      if (isChartFolder(entry)) entry.sniffed = 'helm-chart';
      entry.mediaType = guessMediaType(entry);
      entries.push(entry);
    } else {
      if (!info.isFile()) throw new ContractError('invalid-input', `${root.name} is no longer a regular file; drop it again.`);
      budget.files -= 1;
      if (budget.files < 0) throw new ContractError('invalid-input', `More than ${limits.maxFiles.toLocaleString('en')} files: publish fewer at once, or pack them into an archive first.`);
      const sniffed = await sniffFile(root.path, root.name);
      const entry: LocalEntry = { id, name: root.name, path: root.path, type: 'file', size: info.size, fileCount: 1, mtimeMs: info.mtimeMs, mediaType: '', ...(sniffed ? { sniffed } : {}) };
      entry.mediaType = guessMediaType(entry);
      entries.push(entry);
    }
  }
  return entries;
}
