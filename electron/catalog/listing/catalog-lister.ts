import { RegistryError, toContractError, type ArtifactRegistry } from '../../oci';
import { ListingRefused, MAX_LISTED_REPOSITORIES, NO_LISTING_ADVICE, type RepositoryLister } from './repository-lister';

/** The storage's own listing: `/v2/_catalog` with Link pagination (Distribution, zot, ACR, Harbor for admins, generic registries), or the Local registry's folders. */
export class CatalogLister implements RepositoryLister {
  readonly source = 'catalog' as const;

  constructor(
    private readonly registry: ArtifactRegistry,
    private readonly pageSize = 1000,
  ) {}

  async list(signal?: AbortSignal): Promise<string[]> {
    const names: string[] = [];
    try {
      for await (const name of this.registry.repositories({ pageSize: this.pageSize, ...(signal ? { signal } : {}) })) {
        names.push(name);
        if (names.length >= MAX_LISTED_REPOSITORIES) break;
      }
    } catch (error) {
      if (error instanceof RegistryError && [401, 403, 404, 405].includes(error.status)) throw new ListingRefused(NO_LISTING_ADVICE);
      throw toContractError(error);
    }
    return names;
  }
}
