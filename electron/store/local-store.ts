import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ListOptions } from '../oci/listing/catalog';
import { repositoryProblem } from '../oci/reference/reference';
import type { ArtifactRegistry } from '../oci/storage';
import type { LocalStoreOptions, ManifestFacts } from './layout-context';
import { errnoOf, isMissing } from './layout-errors';
import { BLOBS_DIR, INGEST_DIR, LAYOUT_FILE, localRoot, repositoryDir } from './layout-paths';
import { LayoutRepository } from './layout-repository';
import { ContractError } from '../../shared/contract';

/** Repository folders are looked for this deep (a name of 8 path segments). */
const MAX_DEPTH = 8;
const MAX_REPOSITORIES = 100_000;
const MAX_OPEN_REPOSITORIES = 5_000;

/**
 * The Local registry: every repository an OCI image layout under `<dataDir>/local/<name>/`, the
 * same folders `skopeo copy … oci:<dir>:<tag>` and `oras --oci-layout` read and write. Needs no
 * network and no login; implements the same storage interface as a remote registry.
 */
export class LocalStore implements ArtifactRegistry {
  private readonly facts = new Map<string, ManifestFacts>();
  private readonly repos = new Map<string, LayoutRepository>();

  constructor(
    readonly root: string,
    private readonly options: LocalStoreOptions = {},
  ) {}

  /**
   * The same object for a name while it is in use, so its parsed index.json is kept between calls
   * (re-read only when the file changes): resolving many tags never parses the index many times.
   */
  repository(name: string): LayoutRepository {
    const known = this.repos.get(name);
    if (known) return known;
    const repository = new LayoutRepository({ name, dir: repositoryDir(this.root, name), root: this.root, options: this.options, facts: this.facts });
    if (this.repos.size >= MAX_OPEN_REPOSITORIES) this.repos.delete(this.repos.keys().next().value as string);
    this.repos.set(name, repository);
    return repository;
  }

  /** Folders holding an `oci-layout` file, by name, sorted; `last` and `pageSize` as `_catalog` has them. */
  async *repositories(options: ListOptions = {}): AsyncGenerator<string> {
    const names = await this.listNames(options.signal);
    for (const name of names) {
      if (options.last !== undefined && name <= options.last) continue;
      yield name;
    }
  }

  private async listNames(signal?: AbortSignal): Promise<string[]> {
    const names: string[] = [];
    const walk = async (dir: string, segments: string[]): Promise<void> => {
      if (names.length >= MAX_REPOSITORIES) return;
      signal?.throwIfAborted();
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isMissing(error) && segments.length === 0) return;
        if (isMissing(error)) return;
        throw new ContractError('internal', `Cannot read the Local registry folder ${dir} (${errnoOf(error)}).`);
      }
      if (segments.length > 0 && entries.some((e) => e.name === LAYOUT_FILE && e.isFile())) {
        const name = segments.join('/');
        if (repositoryProblem(name) === undefined) names.push(name);
      }
      if (segments.length >= MAX_DEPTH) return;
      for (const entry of entries) {
        if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === BLOBS_DIR || entry.name === INGEST_DIR) continue;
        await walk(join(dir, entry.name), [...segments, entry.name]);
      }
    };
    await walk(this.root, []);
    return names.sort();
  }

  /** Creates the folder (mode 0700) so the first write and other tools find it. */
  async ensureRoot(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
  }
}

export function openLocalStore(dataDir: string, options: LocalStoreOptions = {}): LocalStore {
  return new LocalStore(localRoot(dataDir), options);
}
