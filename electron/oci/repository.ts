import { ContractError } from '../../shared/contract';
import { RemoteBlobs } from './blobs/remote-blobs';
import type { CapabilityProbe } from './capabilities';
import { listTags, allTags } from './listing/tags';
import type { ListOptions } from './listing/catalog';
import { ManifestStore } from './manifests/manifest-store';
import type { Descriptor, ImageManifest } from './manifests/manifest-types';
import { isDigest } from './reference/digest';
import { assertRepository, parseReference } from './reference/reference';
import type { RegistryHttp } from './registry-http';
import { listReferrers, type ReferrersOptions } from './referrers/referrers';
import { updateReferrersByTag } from './referrers/tag-schema';
import type { ArtifactRepository } from './storage';

/** One repository of a registry, after oras-go's `remote.Repository`. */
export class Repository implements ArtifactRepository {
  private readonly manifestStore: ManifestStore;
  private readonly blobStore: RemoteBlobs;

  constructor(
    readonly http: RegistryHttp,
    readonly name: string,
    private readonly capabilities: CapabilityProbe,
  ) {
    assertRepository(name);
    this.manifestStore = new ManifestStore(http, name);
    this.blobStore = new RemoteBlobs(http, name);
  }

  blobs(): RemoteBlobs {
    return this.blobStore;
  }

  manifests(): ManifestStore {
    return this.manifestStore;
  }

  /** Every tag, sorted, in pages of `pageSize` after `last`. */
  tags(options: ListOptions = {}): AsyncGenerator<string[]> {
    return listTags(this.http, this.name, options);
  }

  allTags(options: ListOptions = {}): Promise<string[]> {
    return allTags(this.http, this.name, options);
  }

  /**
   * A tag, a digest, or a full reference (`host/repo:tag@digest`) of this repository, to the
   * descriptor it names.
   */
  async resolve(reference: string, signal?: AbortSignal): Promise<Descriptor> {
    if (isDigest(reference) || !/[/@]/.test(reference)) return this.manifestStore.resolve(reference, signal);
    const ref = parseReference(reference);
    if (ref.repository !== this.name) throw new ContractError('invalid-input', `${reference} is not in the repository ${this.name}.`);
    return this.manifestStore.resolve(ref.digest ?? ref.tag ?? 'latest', signal);
  }

  referrers(subject: string, options: ReferrersOptions = {}): Promise<Descriptor[]> {
    return listReferrers(this.http, this.manifestStore, subject, options, this.capabilities.referrers);
  }

  /**
   * Pushes a manifest; when it has a subject and the registry lacks the referrers API, also adds it
   * to the subject's `sha256-<hex>` fallback index, as oras-go does.
   */
  async pushManifest(manifest: ImageManifest, tag?: string, signal?: AbortSignal): Promise<Descriptor> {
    const descriptor = await this.manifestStore.pushManifest(manifest, tag, signal ? { signal } : {});
    if (manifest.subject && !(await this.capabilities.referrersApi(this.name, signal))) {
      await updateReferrersByTag(this.manifestStore, manifest.subject.digest, { add: referrerDescriptor(manifest, descriptor) }, signal);
    }
    return descriptor;
  }
}

/** The descriptor of a referrer as the referrers API lists it: artifactType and annotations included. */
export function referrerDescriptor(manifest: ImageManifest, descriptor: Descriptor): Descriptor {
  const artifactType = manifest.artifactType ?? manifest.config.mediaType;
  return {
    mediaType: descriptor.mediaType,
    digest: descriptor.digest,
    size: descriptor.size,
    ...(manifest.annotations && Object.keys(manifest.annotations).length > 0 ? { annotations: manifest.annotations } : {}),
    ...(artifactType ? { artifactType } : {}),
  };
}
