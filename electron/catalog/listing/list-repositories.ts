import type { Dispatcher } from 'undici';
import type { RepositoryListing } from '../../../shared/contract';
import { toContractError, type ArtifactRegistry } from '../../oci';
import type { SavedRegistry } from '../../registries/saved-registry';
import { CatalogLister } from './catalog-lister';
import { DockerHubLister } from './dockerhub-lister';
import { GhcrLister } from './ghcr-lister';
import { GitLabLister } from './gitlab-lister';
import { HarborLister } from './harbor-lister';
import { QuayLister } from './quay-lister';
import { ListingRefused, type ListerContext, type ListingSource, type RepositoryLister } from './repository-lister';

export interface ListerOptions {
  /** Vendor API base URLs and dispatcher (tests point them at a mock). */
  apiUrl?: string;
  dispatcher?: Dispatcher;
}

/** The adapter for a registry's kind. */
export function listerFor(saved: SavedRegistry, registry: ArtifactRegistry, context: ListerContext, options: ListerOptions = {}): RepositoryLister {
  switch (saved.kind) {
    case 'dockerhub':
      return new DockerHubLister(context, options);
    case 'harbor':
      return new HarborLister(context, options);
    case 'quay':
      return new QuayLister(context, options);
    case 'gitlab':
      return new GitLabLister(context, options);
    case 'ghcr':
      return new GhcrLister(context, options);
    default:
      return new CatalogLister(registry);
  }
}

/** First path segments of pinned repositories: the namespaces vendor APIs are asked about. */
export function pinnedNamespaces(pinned: readonly string[]): string[] {
  return [...new Set(pinned.filter((p) => p.includes('/')).map((p) => p.split('/')[0] as string))];
}

/** Listed names merged with the user's pinned ones, sorted, each once. */
export function listingRows(saved: SavedRegistry, names: Iterable<string>): RepositoryListing['repositories'] {
  const pinned = new Set(saved.pinnedRepositories);
  return [...new Set([...names, ...pinned])].sort().map((name) => ({ registryId: saved.id, name, pinned: pinned.has(name) }));
}

/**
 * A registry's repositories merged with the user's pinned ones. Never throws for a registry that
 * is down or refuses: the listing carries a `problem` instead, so other registries are not blocked.
 */
export async function listRepositories(
  saved: SavedRegistry,
  lister: RepositoryLister,
  signal?: AbortSignal,
  onListed?: (names: readonly string[], source: ListingSource) => void,
): Promise<RepositoryListing> {
  const rows = (names: Iterable<string>) => listingRows(saved, names);
  try {
    const names = await lister.list(signal);
    onListed?.(names, lister.source);
    return { registryId: saved.id, repositories: rows(names), source: lister.source };
  } catch (error) {
    if (signal?.aborted) throw error;
    if (error instanceof ListingRefused) return { registryId: saved.id, repositories: rows([]), source: 'pinned', problem: error.message };
    const problem = toContractError(error).message;
    return { registryId: saved.id, repositories: rows([]), source: lister.source, problem };
  }
}
