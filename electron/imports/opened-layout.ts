import type { Descriptor } from '../oci/manifests/manifest-types';
import type { ManifestFacts } from '../store/layout-context';
import { LayoutDamaged } from '../store/layout-errors';
import { layoutFileProblem } from '../store/layout-files';
import { MAX_INDEX_BYTES, parseIndex, type LayoutIndex } from '../store/layout-index';
import { INDEX_FILE, LAYOUT_FILE } from '../store/layout-paths';
import { ContractError } from '../../shared/contract';
import { ImportDamaged } from './import-errors';
import type { LayoutSource } from './layout-source';
import { splitRepositories, type LayoutRepositoryEntries } from './split-repositories';
import type { EntryFacts } from './untagged';

/** An archive's index.json is read from inside the tar: at most this large. */
export const MAX_ARCHIVE_INDEX_BYTES = 4 * 1024 * 1024;

/** What index.json says, split into repositories. */
export interface LayoutSnapshot {
  index: LayoutIndex;
  repositories: Map<string, LayoutRepositoryEntries>;
  /** Every entry by digest (any repository): a digest resolves wherever it is listed. */
  byDigest: Map<string, Descriptor>;
}

/**
 * A layout folder or archive opened read-only: index.json parsed once per version of the file (the
 * source's stamp), and what its manifests say about themselves kept by digest for referrers.
 */
export class OpenedLayout {
  readonly facts = new Map<string, ManifestFacts>();
  /** Whether an entry is a referrer, and an index's platforms, by digest: decides which untagged entries are listed. */
  readonly entryFacts = new Map<string, EntryFacts>();
  private cached: { stamp: string; snapshot: Promise<LayoutSnapshot> } | undefined;

  constructor(
    readonly source: LayoutSource,
    /** The repository bare tags belong to (named after the folder or archive). */
    readonly defaultRepository: string,
  ) {}

  async read(): Promise<LayoutSnapshot> {
    const stamp = await this.source.stamp();
    if (this.cached?.stamp === stamp) return this.cached.snapshot;
    const snapshot = readSnapshot(this.source, this.defaultRepository);
    const entry = { stamp, snapshot };
    this.cached = entry;
    snapshot.catch(() => this.cached === entry && (this.cached = undefined));
    return snapshot;
  }
}

export async function readSnapshot(source: LayoutSource, defaultRepository: string): Promise<LayoutSnapshot> {
  const layoutFile = await source.readFile(LAYOUT_FILE, 4096).catch(rethrowAs(source, LAYOUT_FILE));
  if (!layoutFile) {
    throw new ImportDamaged(source.path, LAYOUT_FILE, `is missing: this is not an OCI image layout ${source.kind === 'oci-archive' ? 'archive' : 'folder'} (or it was moved)`);
  }
  const problem = layoutFileProblem(layoutFile.toString('utf8'));
  if (problem) throw new ImportDamaged(source.path, LAYOUT_FILE, problem);
  const maxIndex = source.kind === 'oci-archive' ? MAX_ARCHIVE_INDEX_BYTES : MAX_INDEX_BYTES;
  const bytes = await source.readFile(INDEX_FILE, maxIndex).catch(rethrowAs(source, INDEX_FILE));
  if (!bytes) throw new ImportDamaged(source.path, INDEX_FILE, 'is missing');
  let index: LayoutIndex;
  try {
    index = parseIndex(bytes, defaultRepository);
  } catch (error) {
    if (error instanceof LayoutDamaged) throw new ImportDamaged(source.path, error.file, error.problem);
    throw error;
  }
  const byDigest = new Map<string, Descriptor>();
  for (const entry of index.manifests) byDigest.set(entry.digest, { mediaType: entry.mediaType, digest: entry.digest, size: entry.size });
  return { index, repositories: splitRepositories(index.manifests, defaultRepository), byDigest };
}

/** A read error of a top-level file: damage names the file; a file too large to read is damage too. */
function rethrowAs(source: LayoutSource, file: string) {
  return (error: unknown): never => {
    if (error instanceof ImportDamaged) throw error;
    if (error instanceof ContractError && error.code === 'invalid-input') throw new ImportDamaged(source.path, file, error.message.replace(/^\S+ /, 'is ').replace(/\.$/, ''));
    throw error;
  };
}
