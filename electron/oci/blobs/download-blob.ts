import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ContractError } from '../../../shared/contract';
import type { RegistryHttp, RegistryResponse } from '../registry-http';
import { checkDescriptor, type BlobDescriptor } from './blob-descriptor';
import { abortError, BlobError, isAbort, statusError } from './blob-error';
import { blobPath, checkRepository, header, pullScope } from './blob-paths';
import { BlobSink } from './blob-sink';
import { short } from './blob-verifier';
import { discard } from './response-body';

export interface DownloadBlobOptions {
  repository: string;
  descriptor: BlobDescriptor;
  /** Where the verified blob ends up; its folder must exist. */
  targetPath: string;
  signal?: AbortSignal;
  /** Bytes written so far (resumed bytes are not counted twice). */
  onProgress?: (bytes: number) => void;
  /** How many times a dropped body is resumed with `Range` before giving up (default 5). */
  maxResumes?: number;
}

export interface DownloadBlobResult {
  path: string;
  digest: string;
  size: number;
  resumes: number;
}

/**
 * Streams a blob into a temp file beside `targetPath`, verifying size and digest as it goes,
 * resuming dropped bodies with `Range`, and renames it into place only once it is proven right.
 * Any failure or cancellation removes the temp file.
 */
export async function downloadBlob(http: RegistryHttp, options: DownloadBlobOptions): Promise<DownloadBlobResult> {
  const { descriptor, signal } = options;
  const repository = checkRepository(options.repository);
  checkDescriptor(descriptor);
  signal?.throwIfAborted();
  const maxResumes = options.maxResumes ?? 5;
  const tempPath = join(dirname(options.targetPath), `.${basename(options.targetPath)}.${randomBytes(6).toString('hex')}.partial`);
  const file = await open(tempPath, 'wx', 0o600);
  const sink = new BlobSink(descriptor, file, {
    describeWriteFailure: (code) => `Could not write the download to ${dirname(options.targetPath)} (${code}).`,
  });
  let closed = false;
  try {
    let resumes = 0;
    let lastFailure: unknown;
    for (;;) {
      if (sink.bytes === descriptor.size && descriptor.size > 0) break;
      if (resumes > maxResumes) {
        throw new BlobError(
          'network',
          'resume-exhausted',
          `Blob ${short(descriptor.digest)} kept breaking off (${sink.bytes} of ${descriptor.size} bytes after ${maxResumes} resumes): ${describe(lastFailure)}`,
        );
      }
      try {
        await fetchInto(http, repository, descriptor, sink, options);
        if (sink.bytes === descriptor.size) break;
        lastFailure = new Error('the body ended early');
      } catch (error) {
        if (isAbort(error) || signal?.aborted) throw abortError(signal);
        if (!isResumable(error)) throw error;
        lastFailure = error;
      }
      resumes += 1;
    }
    await sink.finish();
    await sink.close();
    await file.datasync();
    await file.close();
    closed = true;
    signal?.throwIfAborted();
    await rename(tempPath, options.targetPath);
    return { path: options.targetPath, digest: descriptor.digest, size: descriptor.size, resumes };
  } catch (error) {
    await sink.close();
    if (!closed) await file.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    if (isAbort(error)) throw abortError(signal);
    throw error;
  }
}

/** One GET (ranged when resuming) whose body is verified and appended to the file. */
async function fetchInto(
  http: RegistryHttp,
  repository: string,
  descriptor: BlobDescriptor,
  sink: BlobSink,
  options: DownloadBlobOptions,
): Promise<void> {
  const offset = sink.bytes;
  const headers: Record<string, string> = { accept: '*/*' };
  if (offset > 0) headers.range = `bytes=${offset}-`;
  const response = await http.send({
    method: 'GET',
    url: blobPath(repository, descriptor.digest),
    headers,
    scopes: [pullScope(repository)],
    signal: options.signal,
  });
  let skip = 0;
  if (response.statusCode === 200) {
    skip = offset; // the server ignored Range: the prefix we already have comes again
  } else if (response.statusCode === 206 && offset > 0) {
    skip = rangeSkip(response, offset);
  } else if (response.statusCode === 416 && offset > 0) {
    // Not drained: Distribution 2.8 announces the blob's Content-Length on a 416 and sends a
    // shorter error text, so waiting for the body would hang until the connection dies.
    response.body.destroy();
    throw new BlobError('invalid-input', 'size-mismatch', `Blob ${short(descriptor.digest)} ends after ${offset} bytes, short of the ${descriptor.size} its descriptor claims.`);
  } else {
    await discard(response);
    throw statusError(response.statusCode, `download blob ${short(descriptor.digest)}`);
  }
  const announced = header(response.headers, 'docker-content-digest');
  if (announced !== undefined && announced !== descriptor.digest) {
    await discard(response);
    throw new BlobError('invalid-input', 'digest-mismatch', `The registry answered with a different blob (${short(announced)}) than the one asked for (${short(descriptor.digest)}).`);
  }
  for await (const data of response.body) {
    let chunk = data as Buffer;
    if (skip > 0) {
      const dropped = Math.min(skip, chunk.byteLength);
      skip -= dropped;
      chunk = chunk.subarray(dropped);
      if (chunk.byteLength === 0) continue;
    }
    try {
      await sink.push(chunk);
    } catch (error) {
      response.body.destroy();
      throw error;
    }
    options.onProgress?.(sink.bytes);
  }
}

/** For a 206, how many leading bytes of the body we already hold (the server may start earlier). */
function rangeSkip(response: RegistryResponse, offset: number): number {
  const contentRange = header(response.headers, 'content-range') ?? '';
  const match = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(contentRange.trim());
  if (!match) throw new BlobError('network', 'bad-response', 'The registry answered a resumed download with an unreadable Content-Range.');
  const start = Number(match[1]);
  if (start > offset) throw new BlobError('network', 'bad-response', `The registry resumed the download at byte ${start}, past the ${offset} bytes already received.`);
  return offset - start;
}

/** Dropped connections and network-level failures resume; verdicts about the content do not. */
function isResumable(error: unknown): boolean {
  if (error instanceof BlobError) return false;
  if (error instanceof ContractError) return error.code === 'network';
  return error instanceof Error;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'the connection dropped.';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}.` : `${error.message.slice(0, 120)}.`;
}
