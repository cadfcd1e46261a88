import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ListOptions } from '../oci/listing/catalog';
import type { ArtifactRegistry } from '../oci/storage';
import { ArchiveSource } from './archive-source';
import { FolderSource } from './folder-source';
import type { LayoutSource } from './layout-source';
import { OpenedLayout } from './opened-layout';
import { OpenedRepository } from './opened-repository';
import { repositoryNameFor } from './split-repositories';
import type { LayoutKind } from '../../shared/contract';

/**
 * An OCI layout folder or oci-archive opened as a read-only registry: its repositories are the
 * names index.json gives (see splitRepositories); every write is refused.
 */
export class OpenedRegistry implements ArtifactRegistry {
  readonly layout: OpenedLayout;
  private readonly repos = new Map<string, OpenedRepository>();

  constructor(
    readonly source: LayoutSource,
    /** How messages name it: the path as the user chose it. */
    readonly label: string = source.path,
  ) {
    this.layout = new OpenedLayout(source, repositoryNameFor(source.path));
  }

  repository(name: string): OpenedRepository {
    let known = this.repos.get(name);
    if (!known) this.repos.set(name, (known = new OpenedRepository(this.layout, name, this.label)));
    return known;
  }

  async *repositories(options: ListOptions = {}): AsyncGenerator<string> {
    const names = [...(await this.layout.read()).repositories.keys()].sort();
    for (const name of names) {
      if (options.last !== undefined && name <= options.last) continue;
      yield name;
    }
  }
}

/** A layout folder or archive at `path` (its kind given, or found from what the path is). */
export function openLayoutAt(path: string, kind: LayoutKind, label = path): OpenedRegistry {
  return new OpenedRegistry(kind === 'oci-archive' ? new ArchiveSource(path) : new FolderSource(path), label);
}

/** Whether the path is a folder (a layout) or a file (an archive); undefined when it does not exist. */
export async function layoutKindOf(path: string): Promise<LayoutKind | undefined> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return 'oci-layout';
    if (info.isFile()) return 'oci-archive';
    return undefined;
  } catch {
    return undefined;
  }
}

export function displayNameFor(path: string): string {
  return basename(path).slice(0, 100) || path.slice(0, 100);
}
