import type { ListingSource, RepositoryLister } from '../catalog/listing/repository-lister';
import type { RegistryOutcome } from './request-outcome';

/** A lister that reports whether the registry listed its repositories, before the listing turns a failure into a banner. */
export class ObservedLister implements RepositoryLister {
  constructor(
    private readonly inner: RepositoryLister,
    private readonly outcome: RegistryOutcome,
  ) {}

  get source(): ListingSource {
    return this.inner.source;
  }

  async list(signal?: AbortSignal): Promise<string[]> {
    try {
      const names = await this.inner.list(signal);
      this.outcome.succeeded();
      return names;
    } catch (error) {
      this.outcome.failed(error);
      throw error;
    }
  }
}
