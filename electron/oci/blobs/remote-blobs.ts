import type { Readable } from 'node:stream';
import type { RegistryHttp } from '../registry-http';
import type { BlobFetchOptions, BlobFetchToOptions, BlobPushOptions, BlobPushResult, BlobStorage } from '../storage';
import type { BlobDescriptor } from './blob-descriptor';
import type { BlobSource } from './blob-source';
import { downloadBlob } from './download-blob';
import { fetchBlobStream } from './read-blob';
import { blobExists, uploadBlob } from './upload-blob';

/** A remote repository's blobs behind the storage interface: HEAD, upload (exists/mount/resume), verified GET. */
export class RemoteBlobs implements BlobStorage {
  constructor(
    private readonly http: RegistryHttp,
    private readonly repository: string,
  ) {}

  exists(digest: string, signal?: AbortSignal): Promise<boolean> {
    return blobExists(this.http, this.repository, digest, signal);
  }

  push(source: BlobSource, options: BlobPushOptions = {}): Promise<BlobPushResult> {
    return uploadBlob(this.http, {
      repository: this.repository,
      source,
      ...(options.mountFrom ? { mountFrom: options.mountFrom } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }

  fetch(descriptor: BlobDescriptor, options: BlobFetchOptions = {}): Promise<Readable> {
    return fetchBlobStream(this.http, this.repository, descriptor, options);
  }

  fetchTo(descriptor: BlobDescriptor, targetPath: string, options: BlobFetchToOptions = {}) {
    return downloadBlob(this.http, {
      repository: this.repository,
      descriptor,
      targetPath,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }
}
