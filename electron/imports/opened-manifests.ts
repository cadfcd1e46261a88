import { ContractError } from '../../shared/contract';
import { short } from '../oci/blobs/blob-verifier';
import type { Descriptor, FetchedManifest, ParsedManifest } from '../oci/manifests/manifest-types';
import { OCI_MANIFEST } from '../oci/manifests/media-types';
import { mediaTypeOf } from '../oci/manifests/parse-manifest';
import { MAX_MANIFEST_BYTES } from '../oci/read-bounded';
import { isDigest } from '../oci/reference/digest';
import { assertTag } from '../oci/reference/reference';
import type { ManifestStorage } from '../oci/storage';
import { fetchListedManifest, parseLayoutManifest, resolvesTo } from '../store/layout-manifest-read';
import { ImportDamaged, readOnlyError } from './import-errors';
import type { OpenedBlobs } from './opened-blobs';
import type { OpenedLayout } from './opened-layout';
import { untaggedEntry } from './untagged';

/** One repository's manifests in an opened layout: tags from index.json, bytes from `blobs/`, verified. */
export class OpenedManifests implements ManifestStorage {
  constructor(
    private readonly layout: OpenedLayout,
    private readonly repository: string,
    private readonly blobs: OpenedBlobs,
    private readonly label: string,
  ) {}

  async resolve(reference: string, signal?: AbortSignal): Promise<Descriptor> {
    signal?.throwIfAborted();
    const snapshot = await this.layout.read();
    if (!isDigest(reference)) {
      const entries = snapshot.repositories.get(this.repository);
      const entry = entries?.tags.get(assertTag(reference)) ?? untaggedEntry(reference, entries?.untagged ?? []);
      if (!entry) throw new ContractError('not-found', `${this.label} has no tag ${reference} in ${this.repository}.`);
      return entry;
    }
    const listed = snapshot.byDigest.get(reference);
    if (listed) return listed;
    // A manifest only another manifest names (a platform of an index): its bytes say its type.
    const size = await this.layout.source.blobSize(reference);
    if (size === undefined) throw new ContractError('not-found', `${this.label} has no manifest ${short(reference)}.`);
    if (size > MAX_MANIFEST_BYTES) throw new ContractError('invalid-input', `${short(reference)} is ${size} bytes: a blob, not a manifest.`);
    const bytes = await this.blobs.fetchBytes({ digest: reference, size }, signal);
    return { mediaType: mediaTypeOf(this.parse(bytes, undefined, reference), OCI_MANIFEST), digest: reference, size };
  }

  async fetch(reference: string, signal?: AbortSignal): Promise<FetchedManifest> {
    const descriptor = await this.resolve(reference, signal);
    return fetchListedManifest(descriptor, reference, (d) => this.blobs.fetchBytes(d, signal), this.damaged);
  }

  exists(reference: string, signal?: AbortSignal): Promise<boolean> {
    return resolvesTo(() => this.resolve(reference, signal));
  }

  push(_bytes: Buffer, _mediaType: string, _reference?: string): Promise<Descriptor> {
    return Promise.reject(readOnlyError(this.label));
  }

  delete(_digest: string): Promise<void> {
    return Promise.reject(readOnlyError(this.label));
  }

  private parse(bytes: Buffer, mediaType: string | undefined, digest: string): ParsedManifest {
    return parseLayoutManifest(bytes, mediaType, digest, this.damaged);
  }

  private readonly damaged = (file: string, problem: string): Error => new ImportDamaged(this.layout.source.path, file, problem);
}
