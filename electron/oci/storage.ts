import type { Readable } from 'node:stream';
import type { BlobDescriptor } from './blobs/blob-descriptor';
import type { BlobSource } from './blobs/blob-source';
import type { ListOptions } from './listing/catalog';
import type { PushOptions } from './manifests/manifest-store';
import type { Descriptor, FetchedManifest, ImageManifest } from './manifests/manifest-types';
import type { ReferrersOptions } from './referrers/referrers';

/**
 * The storage the rest of the app talks to, after oras-go's small interfaces (`content.Storage`,
 * `TagResolver`, `TagLister`, `ReferrerLister`): a remote registry (`Repository`) and an OCI image
 * layout on disk both implement it, so catalog, publish, download and copy never ask which one.
 */
export interface BlobPushOptions {
  signal?: AbortSignal;
  /** Bytes stored so far (all of them at once when the blob exists or was mounted). */
  onProgress?: (bytes: number) => void;
  /** Repositories of the same store that may hold the blob already (a cross-repository mount). */
  mountFrom?: readonly string[];
}

export interface BlobPushResult {
  digest: string;
  size: number;
  /** `exists`: the store had it; `mounted`: linked from another repository; `uploaded`: bytes were sent. */
  outcome: 'exists' | 'mounted' | 'uploaded';
  resumes: number;
}

export interface BlobFetchOptions {
  signal?: AbortSignal;
  /** Refuse blobs larger than this before reading a byte. */
  maxBytes?: number;
}

export interface BlobFetchToOptions {
  signal?: AbortSignal;
  onProgress?: (bytes: number) => void;
}

export interface BlobStorage {
  exists(digest: string, signal?: AbortSignal): Promise<boolean>;
  /** Stores a blob, verifying it; skips what exists, mounts where it can. */
  push(source: BlobSource, options?: BlobPushOptions): Promise<BlobPushResult>;
  /**
   * A stream that errors, instead of ending, if the bytes overflow, fall short of, or do not match
   * the descriptor. A copy relies on it: the destination counts these bytes without hashing them again.
   */
  fetch(descriptor: BlobDescriptor, options?: BlobFetchOptions): Promise<Readable>;
  /** Writes a verified copy to `targetPath` (temp file + rename; nothing left behind on failure). */
  fetchTo(descriptor: BlobDescriptor, targetPath: string, options?: BlobFetchToOptions): Promise<{ path: string; digest: string; size: number; resumes: number }>;
}

export interface ManifestStorage {
  resolve(reference: string, signal?: AbortSignal): Promise<Descriptor>;
  fetch(reference: string, signal?: AbortSignal): Promise<FetchedManifest>;
  exists(reference: string, signal?: AbortSignal): Promise<boolean>;
  /** Stores exact bytes under a tag or their digest. */
  push(bytes: Buffer, mediaType: string, reference?: string, options?: PushOptions): Promise<Descriptor>;
  /** Removes the manifest and every tag on it. */
  delete(digest: string, signal?: AbortSignal): Promise<void>;
}

export interface ArtifactRepository {
  readonly name: string;
  blobs(): BlobStorage;
  manifests(): ManifestStorage;
  /** Every tag, sorted, in pages. */
  tags(options?: ListOptions): AsyncGenerator<string[]>;
  allTags(options?: ListOptions): Promise<string[]>;
  resolve(reference: string, signal?: AbortSignal): Promise<Descriptor>;
  /** Manifests whose `subject` is this digest. */
  referrers(subject: string, options?: ReferrersOptions): Promise<Descriptor[]>;
  /** Pushes a manifest (serialised as Go tools do); one with a subject is also made findable as a referrer. */
  pushManifest(manifest: ImageManifest, tag?: string, signal?: AbortSignal): Promise<Descriptor>;
}

export interface ArtifactRegistry {
  repository(name: string): ArtifactRepository;
  repositories(options?: ListOptions): AsyncGenerator<string>;
}
