import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { ContractError, type PublishSource } from '../../../shared/contract';
import type { HostIntegration, ReceivedFile } from '../../services/host-integration';
import type { PickedPaths } from './picked-paths';
import { kindOf, unreadable } from './walk-folder';

/** A dropped, picked or staged thing, checked on disk now. */
export interface SourceRoot {
  name: string;
  path: string;
  type: 'file' | 'directory';
  /** Staged uploads: digests the host computed as the bytes arrived. */
  received?: readonly ReceivedFile[];
}

/**
 * Turns contract sources into paths on this machine, each vouched for: a path only from a drop
 * the host just saw (`takeDropped`) or from the picker in this run; a staged upload only by its id.
 */
export async function openSources(sources: readonly PublishSource[], integration: HostIntegration, picked: PickedPaths): Promise<SourceRoot[]> {
  if (sources.length === 0) throw new ContractError('invalid-input', 'Nothing was dropped: drop files or a folder, or pick them with Publish….');
  const roots: SourceRoot[] = [];
  const dropped: string[] = [];
  for (const source of sources) {
    if (source.type === 'staged') {
      const staged = integration.staged?.(source.id);
      if (!staged) throw new ContractError('not-found', 'That upload is no longer staged (it was published, or Stevedore restarted); drop the files again.');
      roots.push({ name: staged.name, path: staged.path, type: staged.type, ...(staged.received ? { received: staged.received } : {}) });
    } else if (picked.take(source.path)) {
      roots.push(await lookAgain(source.path));
    } else {
      dropped.push(source.path);
    }
  }
  if (dropped.length > 0) {
    if (!integration.takeDropped) throw new ContractError('denied', 'Files can be published here only by dropping them on the window or choosing them with Publish….');
    for (const d of await integration.takeDropped(dropped)) roots.push({ name: path.basename(d.path), path: d.path, type: d.kind });
  }
  const names = new Set<string>();
  for (const root of roots) {
    if (names.has(root.name)) throw new ContractError('invalid-input', `Two of the dropped items are both called ${root.name}; an artifact's files need distinct names. Rename one.`);
    names.add(root.name);
  }
  return roots;
}

async function lookAgain(p: string): Promise<SourceRoot> {
  const name = path.basename(p);
  const info = await lstat(p).catch((error: unknown) => {
    throw unreadable(name, error);
  });
  const type = kindOf(info);
  if (type === 'symlink') throw new ContractError('invalid-input', `${name} is a symbolic link; pick the file or folder it points to.`);
  if (type !== 'file' && type !== 'directory') throw new ContractError('invalid-input', `${name} is not a regular file or folder.`);
  return { name, path: p, type };
}
