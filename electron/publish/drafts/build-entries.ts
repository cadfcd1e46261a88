import { lstat } from 'node:fs/promises';
import { ContractError } from '../../../shared/contract';
import { guessMediaType, isChartFolder } from '../detect/detect-kind';
import { sniffFile } from '../detect/sniff-file';
import type { LocalEntry } from '../model';
import { mapLimit } from '../map-limit';
import type { SourceRoot } from '../sources/open-sources';
import { compareNames, unreadable, walkFolder, WALK_LIMITS, type WalkLimits } from '../sources/walk-folder';

function tooMany(limits: WalkLimits): ContractError {
  return new ContractError('invalid-input', `More than ${limits.maxFiles.toLocaleString('en')} files: publish fewer at once, or pack them into an archive first.`);
}

async function fileEntry(root: SourceRoot, id: string): Promise<LocalEntry> {
  const info = await lstat(root.path).catch((error: unknown) => {
    throw unreadable(root.name, error);
  });
  if (!info.isFile()) throw new ContractError('invalid-input', `${root.name} is no longer a regular file; drop it again.`);
  const sniffed = await sniffFile(root.path, root.name, info.size);
  const entry: LocalEntry = { id, name: root.name, path: root.path, type: 'file', size: info.size, fileCount: 1, mtimeMs: info.mtimeMs, mediaType: '', ...(sniffed ? { sniffed } : {}) };
  entry.mediaType = guessMediaType(entry);
  return entry;
}

async function folderEntry(root: SourceRoot, id: string, budget: { files: number }, limits: WalkLimits): Promise<LocalEntry> {
  const info = await lstat(root.path).catch((error: unknown) => {
    throw unreadable(root.name, error);
  });
  if (!info.isDirectory()) throw new ContractError('invalid-input', `${root.name} is no longer a folder; drop it again.`);
  const walked = await walkFolder(root.path, root.name, budget, limits);
  const entry: LocalEntry = { id, name: root.name, path: root.path, type: 'directory', size: walked.size, fileCount: walked.fileCount, mtimeMs: info.mtimeMs, nodes: walked.nodes, mediaType: '' };
  if (isChartFolder(entry)) entry.sniffed = 'helm-chart';
  entry.mediaType = guessMediaType(entry);
  return entry;
}

/** Dropped roots → draft entries: folders walked (lstat only), files sniffed a few at a time, ids in name order. */
export async function buildEntries(roots: readonly SourceRoot[], limits: WalkLimits = WALK_LIMITS): Promise<LocalEntry[]> {
  const sorted = [...roots].sort((a, b) => compareNames(a.name, b.name));
  const files = sorted.filter((r) => r.type === 'file').length;
  if (files > limits.maxFiles) throw tooMany(limits);
  const budget = { files: limits.maxFiles - files };
  const entries = new Array<LocalEntry | undefined>(sorted.length);
  // folders one after the other (they share the file budget), then the files
  for (const [index, root] of sorted.entries()) if (root.type === 'directory') entries[index] = await folderEntry(root, `e${index.toString(36)}`, budget, limits);
  const fileIndexes = sorted.flatMap((root, index) => (root.type === 'file' ? [index] : []));
  const fileEntries = await mapLimit(fileIndexes, 16, (index) => fileEntry(sorted[index]!, `e${index.toString(36)}`));
  fileIndexes.forEach((index, i) => (entries[index] = fileEntries[i]));
  return entries as LocalEntry[];
}
