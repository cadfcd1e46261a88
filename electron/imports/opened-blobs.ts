import { Transform, type Readable } from 'node:stream';
import { ContractError } from '../../shared/contract';
import { writeStreamToFile } from '../fs/stream-to-file';
import { checkDescriptor, type BlobDescriptor } from '../oci/blobs/blob-descriptor';
import type { BlobSource } from '../oci/blobs/blob-source';
import { short } from '../oci/blobs/blob-verifier';
import { createDigester, digestOf, parseDigest } from '../oci/blobs/digest';
import { assertDigest } from '../oci/reference/digest';
import type { BlobFetchOptions, BlobFetchToOptions, BlobPushResult, BlobStorage } from '../oci/storage';
import { blobName } from '../store/layout-paths';
import { ImportDamaged, readOnlyError } from './import-errors';
import type { LayoutSource } from './layout-source';

/** The blobs of an opened layout: read and verified against their descriptors; never written. */
export class OpenedBlobs implements BlobStorage {
  constructor(
    private readonly source: LayoutSource,
    private readonly label: string,
  ) {}

  async exists(digest: string, signal?: AbortSignal): Promise<boolean> {
    signal?.throwIfAborted();
    return (await this.source.blobSize(assertDigest(digest))) !== undefined;
  }

  push(_source: BlobSource): Promise<BlobPushResult> {
    return Promise.reject(readOnlyError(this.label));
  }

  /** A stream that fails, naming the file, if the stored bytes are not the descriptor's size and digest. */
  async fetch(descriptor: BlobDescriptor, options: BlobFetchOptions = {}): Promise<Readable> {
    checkDescriptor(descriptor);
    if (options.maxBytes !== undefined && descriptor.size > options.maxBytes) {
      throw new ContractError('invalid-input', `Blob ${short(descriptor.digest)} is ${descriptor.size} bytes, over the ${options.maxBytes}-byte limit for this kind of content.`);
    }
    await this.checkSize(descriptor);
    const algorithm = parseDigest(descriptor.digest).algorithm;
    const hash = createDigester(algorithm);
    const name = blobName(descriptor.digest);
    let count = 0;
    const path = this.source.path;
    const verify = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        count += chunk.byteLength;
        if (count > descriptor.size) return callback(new ImportDamaged(path, name, `is longer than the ${descriptor.size} bytes its descriptor says`));
        hash.update(chunk);
        callback(null, chunk);
      },
      flush(callback) {
        if (count !== descriptor.size) return callback(new ImportDamaged(path, name, `ended after ${count} of ${descriptor.size} bytes`));
        const actual = digestOf(hash, algorithm);
        callback(actual === descriptor.digest ? null : new ImportDamaged(path, name, `does not match its digest (its content hashes to ${short(actual)})`));
      },
    });
    const file = await this.source.openBlob(descriptor.digest, descriptor.size, options.signal);
    file.on('error', (error) => verify.destroy(error));
    verify.on('close', () => file.destroy());
    return file.pipe(verify);
  }

  /** A small blob (a manifest, a config) read whole and verified. */
  async fetchBytes(descriptor: BlobDescriptor, signal?: AbortSignal): Promise<Buffer> {
    checkDescriptor(descriptor);
    await this.checkSize(descriptor);
    const bytes = await this.source.readBlob(descriptor.digest, descriptor.size, signal);
    const name = blobName(descriptor.digest);
    if (bytes.length !== descriptor.size) throw new ImportDamaged(this.source.path, name, `is ${bytes.length} bytes, not the ${descriptor.size} its descriptor says`);
    const algorithm = parseDigest(descriptor.digest).algorithm;
    const actual = digestOf(createDigester(algorithm).update(bytes), algorithm);
    if (actual !== descriptor.digest) throw new ImportDamaged(this.source.path, name, `does not match its digest (its content hashes to ${short(actual)})`);
    return bytes;
  }

  async fetchTo(descriptor: BlobDescriptor, targetPath: string, options: BlobFetchToOptions = {}) {
    const stream = await this.fetch(descriptor, options.signal ? { signal: options.signal } : {});
    await writeStreamToFile(stream, targetPath, options);
    return { path: targetPath, digest: descriptor.digest, size: descriptor.size, resumes: 0 };
  }

  private async checkSize(descriptor: BlobDescriptor): Promise<void> {
    const size = await this.source.blobSize(descriptor.digest);
    const name = blobName(descriptor.digest);
    if (size === undefined) throw new ContractError('not-found', `${this.label} has no blob ${short(descriptor.digest)} (${name} is missing from ${this.source.path}).`);
    if (size !== descriptor.size) throw new ImportDamaged(this.source.path, name, `is ${size} bytes, not the ${descriptor.size} its descriptor says`);
  }
}
