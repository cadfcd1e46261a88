import { Transform, type Readable } from 'node:stream';
import type { RegistryHttp } from '../registry-http';
import { checkDescriptor, type BlobDescriptor } from './blob-descriptor';
import { BlobError, statusError } from './blob-error';
import { blobPath, checkRepository, header, pullScope } from './blob-paths';
import { BlobVerifier, short } from './blob-verifier';
import { discard } from './response-body';

/** Metadata blobs (configs, small documents) are capped like manifests: 4 MiB. */
export const METADATA_BLOB_LIMIT = 4 * 1024 * 1024;

export interface FetchBlobOptions {
  signal?: AbortSignal;
  /** Refuse blobs larger than this before fetching (default: no cap beyond the descriptor). */
  maxBytes?: number;
}

/**
 * A stream of the blob's bytes that errors as soon as it overflows the descriptor size, and at the
 * end if it is short or its digest is wrong. The consumer must treat an error as "discard all".
 */
export async function fetchBlobStream(
  http: RegistryHttp,
  repository: string,
  descriptor: BlobDescriptor,
  options: FetchBlobOptions = {},
): Promise<Readable> {
  checkRepository(repository);
  checkDescriptor(descriptor);
  if (options.maxBytes !== undefined && descriptor.size > options.maxBytes) {
    throw new BlobError('invalid-input', 'too-large', `Blob ${short(descriptor.digest)} is ${descriptor.size} bytes, over the ${options.maxBytes}-byte limit for this kind of content.`);
  }
  const response = await http.send({
    method: 'GET',
    url: blobPath(repository, descriptor.digest),
    headers: { accept: '*/*' },
    scopes: [pullScope(repository)],
    signal: options.signal,
  });
  if (response.statusCode !== 200) {
    await discard(response);
    throw statusError(response.statusCode, `read blob ${short(descriptor.digest)}`);
  }
  const announced = header(response.headers, 'docker-content-digest');
  if (announced !== undefined && announced !== descriptor.digest) {
    await discard(response);
    throw new BlobError('invalid-input', 'digest-mismatch', `The registry answered with a different blob (${short(announced)}) than the one asked for (${short(descriptor.digest)}).`);
  }
  const verifier = new BlobVerifier(descriptor);
  const verified = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        verifier.update(chunk);
        callback(null, chunk);
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        verifier.finish();
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  const body = response.body as unknown as Readable;
  body.on('error', (error) => verified.destroy(error));
  verified.on('close', () => {
    if (!body.destroyed) body.destroy();
  });
  return body.pipe(verified);
}

/** Reads a small blob (a config, a document) into memory, verified, capped at 4 MiB by default. */
export async function readBlob(
  http: RegistryHttp,
  repository: string,
  descriptor: BlobDescriptor,
  options: FetchBlobOptions = {},
): Promise<Buffer> {
  const maxBytes = Math.min(options.maxBytes ?? METADATA_BLOB_LIMIT, METADATA_BLOB_LIMIT);
  const stream = await fetchBlobStream(http, repository, descriptor, { ...options, maxBytes });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
