import type { ArtifactRegistry, ArtifactRepository, BlobStorage, ManifestStorage } from '../oci/storage';
import type { ListOptions } from '../oci/listing/catalog';
import type { PushOptions } from '../oci/manifests/manifest-store';
import type { Descriptor, FetchedManifest, ImageManifest } from '../oci/manifests/manifest-types';
import type { ReferrersOptions } from '../oci/referrers/referrers';
import type { RegistryOutcome } from './request-outcome';

/** Runs one request and reports how it went; the result or error passes through untouched. */
async function observed<T>(outcome: RegistryOutcome, request: () => Promise<T>): Promise<T> {
  try {
    const result = await request();
    outcome.succeeded();
    return result;
  } catch (error) {
    outcome.failed(error);
    throw error;
  }
}

/**
 * A registry's storage that reports the outcome of the reads the app makes anyway (tags,
 * manifests, referrers, pushed manifests) so the registry's status follows them, at no extra
 * request. Blobs and the repository listing pass through (the catalog's lister reports listings).
 */
export class ObservedRegistry implements ArtifactRegistry {
  constructor(
    private readonly inner: ArtifactRegistry,
    private readonly outcome: RegistryOutcome,
  ) {}

  repository(name: string): ArtifactRepository {
    return new ObservedRepository(this.inner.repository(name), this.outcome);
  }

  repositories(options?: ListOptions): AsyncGenerator<string> {
    return this.inner.repositories(options);
  }
}

class ObservedRepository implements ArtifactRepository {
  constructor(
    private readonly inner: ArtifactRepository,
    private readonly outcome: RegistryOutcome,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  blobs(): BlobStorage {
    return this.inner.blobs();
  }

  manifests(): ManifestStorage {
    return new ObservedManifests(this.inner.manifests(), this.outcome);
  }

  /** Reports once the first page arrived: the registry answered. */
  async *tags(options?: ListOptions): AsyncGenerator<string[]> {
    let answered = false;
    try {
      for await (const page of this.inner.tags(options)) {
        if (!answered) this.outcome.succeeded();
        answered = true;
        yield page;
      }
    } catch (error) {
      this.outcome.failed(error);
      throw error;
    }
  }

  allTags(options?: ListOptions): Promise<string[]> {
    return observed(this.outcome, () => this.inner.allTags(options));
  }

  resolve(reference: string, signal?: AbortSignal): Promise<Descriptor> {
    return observed(this.outcome, () => this.inner.resolve(reference, signal));
  }

  referrers(subject: string, options?: ReferrersOptions): Promise<Descriptor[]> {
    return observed(this.outcome, () => this.inner.referrers(subject, options));
  }

  pushManifest(manifest: ImageManifest, tag?: string, signal?: AbortSignal): Promise<Descriptor> {
    return observed(this.outcome, () => this.inner.pushManifest(manifest, tag, signal));
  }
}

class ObservedManifests implements ManifestStorage {
  constructor(
    private readonly inner: ManifestStorage,
    private readonly outcome: RegistryOutcome,
  ) {}

  resolve(reference: string, signal?: AbortSignal): Promise<Descriptor> {
    return observed(this.outcome, () => this.inner.resolve(reference, signal));
  }

  fetch(reference: string, signal?: AbortSignal): Promise<FetchedManifest> {
    return observed(this.outcome, () => this.inner.fetch(reference, signal));
  }

  exists(reference: string, signal?: AbortSignal): Promise<boolean> {
    return observed(this.outcome, () => this.inner.exists(reference, signal));
  }

  push(bytes: Buffer, mediaType: string, reference?: string, options?: PushOptions): Promise<Descriptor> {
    return observed(this.outcome, () => this.inner.push(bytes, mediaType, reference, options));
  }

  delete(digest: string, signal?: AbortSignal): Promise<void> {
    return this.inner.delete(digest, signal);
  }
}
