import { ContractError } from '../../shared/contract';
import type { ListOptions } from '../oci/listing/catalog';
import { compareTags } from '../oci/listing/tags';
import type { Descriptor, ImageManifest } from '../oci/manifests/manifest-types';
import { isDigest } from '../oci/reference/digest';
import { parseReference } from '../oci/reference/reference';
import type { ReferrersOptions } from '../oci/referrers/referrers';
import type { ArtifactRepository } from '../oci/storage';
import { layoutReferrers } from '../store/layout-referrers';
import { readOnlyError } from './import-errors';
import { OpenedBlobs } from './opened-blobs';
import type { OpenedLayout } from './opened-layout';
import { OpenedManifests } from './opened-manifests';
import { untaggedNames } from './untagged';

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
    const pageSize = options.pageSize ?? 100;
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new ContractError('invalid-input', 'A page size is a whole number of at least 1.');
    const sorted = await this.allTags(options);
    const start = options.last === undefined ? 0 : sorted.findIndex((t) => compareTags(t, options.last!) > 0);
    if (start < 0) return;
    for (let i = start; i < sorted.length; i += pageSize) yield sorted.slice(i, i + pageSize);
  }

  /** Manifests listed in index.json without a tag of this repository (reachable by digest). */
  async untagged(): Promise<Descriptor[]> {
    return [...((await this.layout.read()).repositories.get(this.name)?.untagged ?? [])];
  }

  async resolve(reference: string, signal?: AbortSignal): Promise<Descriptor> {
    if (isDigest(reference) || !/[/@]/.test(reference)) return this.manifestStore.resolve(reference, signal);
    const ref = parseReference(reference);
    if (ref.repository !== this.name) throw new ContractError('invalid-input', `${reference} is not in the repository ${this.name}.`);
    return this.manifestStore.resolve(ref.digest ?? ref.tag ?? 'latest', signal);
  }

  /** Manifests anywhere in the layout whose `subject` is this digest (a layout has one blob store for all its names). */
  async referrers(subject: string, options: ReferrersOptions = {}): Promise<Descriptor[]> {
    return layoutReferrers(this.layout, (await this.layout.read()).index, this.manifestStore, subject, options);
  }

  pushManifest(_manifest: ImageManifest, _tag?: string): Promise<Descriptor> {
    return Promise.reject(readOnlyError(this.label));
  }
}
