import { ContractError } from '../../shared/contract';
import type { ListOptions } from '../oci/listing/catalog';
import { compareTags } from '../oci/listing/tags';
import type { Descriptor, ImageManifest } from '../oci/manifests/manifest-types';
import type { ReferrersOptions } from '../oci/referrers/referrers';
import type { ArtifactRepository } from '../oci/storage';
import { layoutReferrers } from '../store/layout-referrers';
import { readOnlyError } from './import-errors';
import { OpenedBlobs } from './opened-blobs';
import type { OpenedLayout } from './opened-layout';
import { OpenedManifests } from './opened-manifests';
import { untaggedNames } from './untagged';
import { referenceIn, tagPages } from '../store/repository-references';

/** One repository of an opened layout or archive, read-only, after oras-go's `oci.ReadOnlyStore`. */
export class OpenedRepository implements ArtifactRepository {
  private readonly blobStore: OpenedBlobs;
  private readonly manifestStore: OpenedManifests;

  constructor(
    private readonly layout: OpenedLayout,
    readonly name: string,
    private readonly label: string,
  ) {
    this.blobStore = new OpenedBlobs(layout.source, label);
    this.manifestStore = new OpenedManifests(layout, name, this.blobStore, label);
  }

  blobs(): OpenedBlobs {
    return this.blobStore;
  }

  manifests(): OpenedManifests {
    return this.manifestStore;
  }

  async allTags(options: ListOptions = {}): Promise<string[]> {
    options.signal?.throwIfAborted();
    const entries = (await this.layout.read()).repositories.get(this.name);
    if (!entries) throw new ContractError('not-found', `${this.label} has no repository ${this.name}.`);
    const untagged = (await untaggedNames(entries.untagged, entries.tags.values(), this.blobStore, this.layout.entryFacts, options.signal)).filter((name) => !entries.tags.has(name));
    return [...entries.tags.keys(), ...untagged].sort(compareTags);
  }

  async *tags(options: ListOptions = {}): AsyncGenerator<string[]> {
    yield* tagPages(await this.allTags(options), options);
  }


  /** Manifests listed in index.json without a tag of this repository (reachable by digest). */
  async untagged(): Promise<Descriptor[]> {
    return [...((await this.layout.read()).repositories.get(this.name)?.untagged ?? [])];
  }

  async resolve(reference: string, signal?: AbortSignal): Promise<Descriptor> {
    return this.manifestStore.resolve(referenceIn(this.name, reference), signal);
  }


  /** Manifests anywhere in the layout whose `subject` is this digest (a layout has one blob store for all its names). */
  async referrers(subject: string, options: ReferrersOptions = {}): Promise<Descriptor[]> {
    return layoutReferrers(this.layout, (await this.layout.read()).index, this.manifestStore, subject, options);
  }

  pushManifest(_manifest: ImageManifest, _tag?: string): Promise<Descriptor> {
    return Promise.reject(readOnlyError(this.label));
  }
}
