import type { BlobStorage } from '../../oci';
import { METADATA_BLOB_LIMIT } from '../../oci/blobs/read-blob';
import type { BlobDescriptor } from '../../oci/blobs/blob-descriptor';

/** A small blob (config, document) read whole through any storage, verified, capped at 4 MiB. */
export async function readBlobBytes(blobs: BlobStorage, descriptor: BlobDescriptor, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
  const limit = Math.min(maxBytes, METADATA_BLOB_LIMIT);
  const stream = await blobs.fetch({ mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size }, { maxBytes: limit, ...(signal ? { signal } : {}) });
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}
