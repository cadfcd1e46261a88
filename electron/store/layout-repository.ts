import { compareTags } from '../oci/listing/tags';
import type { ListOptions } from '../oci/listing/catalog';
import { canonicalManifest } from '../oci/manifests/canonical-json';
import type { Descriptor, ImageManifest } from '../oci/manifests/manifest-types';
import { OCI_MANIFEST } from '../oci/manifests/media-types';
import type { ReferrersOptions } from '../oci/referrers/referrers';
import type { ArtifactRepository } from '../oci/storage';
import { IndexFile } from './index-file';
import { LayoutBlobs } from './layout-blobs';
import type { LayoutContext } from './layout-context';
import { collectGarbage, type GcResult } from './layout-gc';
import { LayoutManifests } from './layout-manifests';
import type { LayoutIndex } from './layout-index';
import { layoutReferrers } from './layout-referrers';
import { walkLayout } from './layout-walk';
import { referenceIn, tagPages } from './repository-references';

/** One repository of the Local registry: an OCI image layout folder, after oras-go's `oci.Store`. */
export class LayoutRepository implements ArtifactRepository {
  private readonly indexFile: IndexFile;
  private readonly blobStore: LayoutBlobs;
  private readonly manifestStore: LayoutManifests;
  private scanned: { index: LayoutIndex; scan: Promise<void> } | undefined;

  constructor(private readonly context: LayoutContext) {
    this.indexFile = new IndexFile(context);
    this.blobStore = new LayoutBlobs(context);
    this.manifestStore = new LayoutManifests(context, this.indexFile);
  }

  get name(): string {
    return this.context.name;
  }

  /** The layout folder (`skopeo … oci:<dir>:<tag>` reads it). */
  get dir(): string {
    return this.context.dir;
  }

  blobs(): LayoutBlobs {
    return this.blobStore;
  }

  manifests(): LayoutManifests {
    return this.manifestStore;
  }

  async allTags(options: ListOptions = {}): Promise<string[]> {
    options.signal?.throwIfAborted();
    return [...(await this.indexFile.tags()).keys()].sort(compareTags);
  }

  async *tags(options: ListOptions = {}): AsyncGenerator<string[]> {
    yield* tagPages(await this.allTags(options), options);
  }


  async resolve(reference: string, signal?: AbortSignal): Promise<Descriptor> {
    return this.manifestStore.resolve(referenceIn(this.name, reference), signal);
  }


  async referrers(subject: string, options: ReferrersOptions = {}): Promise<Descriptor[]> {
    const index = await this.indexFile.read();
    await this.scanOnce(index, subject);
    options.signal?.throwIfAborted();
    return layoutReferrers(this.context, index, this.manifestStore, subject, options);
  }

  /**
   * The first referrers question on a version of index.json reads every manifest it lists (their
   * facts are kept by digest); questions asked meanwhile wait for that one scan instead of each
   * reading every manifest again (a catalog asks for every tag at once: N scans of N manifests).
   * After it, a question only filters the kept facts.
   */
  private scanOnce(index: LayoutIndex, subject: string): Promise<void> {
    if (this.scanned?.index !== index) {
      const scan = layoutReferrers(this.context, index, this.manifestStore, subject).then(
        () => undefined,
        () => undefined,
      );
      this.scanned = { index, scan };
    }
    return this.scanned.scan;
  }

  /** Serialised as Go tools do; a manifest with a subject is kept in the index untagged, where referrers are found. */
  pushManifest(manifest: ImageManifest, tag?: string, signal?: AbortSignal): Promise<Descriptor> {
    const withType = { ...manifest, mediaType: manifest.mediaType ?? OCI_MANIFEST };
    return this.manifestStore.push(canonicalManifest(withType), withType.mediaType, tag, signal ? { signal } : {});
  }

  /** Whether the folder is a layout. */
  exists(): Promise<boolean> {
    return this.indexFile.exists();
  }

  /** Removes blobs nothing refers to (spares recent ones; see LocalStoreOptions.gcGraceMs). */
  gc(signal?: AbortSignal): Promise<GcResult> {
    return this.indexFile.update(async (index) => ({ index, result: await collectGarbage(this.context, index, signal ? { signal } : {}) }), false);
  }

  /** Reads every manifest the index reaches and lists blobs that are missing; damage throws, naming the file. */
  async check(signal?: AbortSignal): Promise<{ manifests: number; missing: { digest: string; from: string }[] }> {
    const index = await this.indexFile.read();
    const walked = await walkLayout(this.context, index, signal);
    return { manifests: index.manifests.length, missing: walked.missing };
  }
}
