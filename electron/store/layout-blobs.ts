import type { Readable } from 'node:stream';
import { ContractError } from '../../shared/contract';
import { writeStreamToFile } from '../fs/stream-to-file';
import { checkDescriptor, type BlobDescriptor } from '../oci/blobs/blob-descriptor';
import { openSource, type BlobSource } from '../oci/blobs/blob-source';
import { short } from '../oci/blobs/blob-verifier';
import { assertDigest } from '../oci/reference/digest';
import type { BlobFetchOptions, BlobFetchToOptions, BlobPushOptions, BlobPushResult, BlobStorage } from '../oci/storage';
import { hasBlob, linkBlob, readBlobStream, writeBlob } from './blob-files';
import { copyBlobFile } from './copy-blob-file';
import type { LayoutContext } from './layout-context';
import { repositoryDir } from './layout-paths';

/** A layout's `blobs/` behind the storage interface: verified writes by temp file + rename, verified reads. */
export class LayoutBlobs implements BlobStorage {
  constructor(private readonly context: LayoutContext) {}

  exists(digest: string, signal?: AbortSignal): Promise<boolean> {
    signal?.throwIfAborted();
    return hasBlob(this.context.dir, assertDigest(digest));
  }

  async push(source: BlobSource, options: BlobPushOptions = {}): Promise<BlobPushResult> {
    options.signal?.throwIfAborted();
    const opened = await openSource(source);
    const { dir } = this.context;
    if (opened.digest && (await hasBlob(dir, opened.digest, true))) {
      options.onProgress?.(opened.size);
      return { digest: opened.digest, size: opened.size, outcome: 'exists', resumes: 0 };
    }
    if (opened.digest) {
      for (const other of options.mountFrom ?? []) {
        if (other === this.context.name) continue;
        const fromDir = mountableDir(this.context.root, other);
        if (fromDir && (await linkBlob(fromDir, dir, opened.digest, opened.size))) {
          options.onProgress?.(opened.size);
          return { digest: opened.digest, size: opened.size, outcome: 'mounted', resumes: 0 };
        }
      }
    }
    const expected = { ...(opened.digest ? { digest: opened.digest } : {}), size: opened.size };
    const progress = { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
    const written = opened.path ? await copyBlobFile(dir, opened.path, expected, progress) : await writeBlob(dir, opened.read(0, opened.size), expected, { ...progress, sourceVerified: opened.verified === true });
    return { ...written, outcome: 'uploaded', resumes: 0 };
  }

  async fetch(descriptor: BlobDescriptor, options: BlobFetchOptions = {}): Promise<Readable> {
    checkDescriptor(descriptor);
    if (options.maxBytes !== undefined && descriptor.size > options.maxBytes) {
      throw new ContractError('invalid-input', `Blob ${short(descriptor.digest)} is ${descriptor.size} bytes, over the ${options.maxBytes}-byte limit for this kind of content.`);
    }
    return readBlobStream(this.context.dir, this.context.name, descriptor, options.signal);
  }

  async fetchTo(descriptor: BlobDescriptor, targetPath: string, options: BlobFetchToOptions = {}) {
    const stream = await this.fetch(descriptor, options.signal ? { signal: options.signal } : {});
    await writeStreamToFile(stream, targetPath, options);
    return { path: targetPath, digest: descriptor.digest, size: descriptor.size, resumes: 0 };
  }
}

/** Another Local repository's folder to mount from; a name that is not one is skipped, not an error. */
function mountableDir(root: string, name: string): string | undefined {
  try {
    return repositoryDir(root, name);
  } catch {
    return undefined;
  }
}
