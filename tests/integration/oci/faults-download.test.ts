import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BlobError } from '../../../electron/oci/blobs/blob-error';
import { downloadBlob } from '../../../electron/oci/blobs/download-blob';
import { readBlob } from '../../../electron/oci/blobs/read-blob';
import { uploadBlob } from '../../../electron/oci/blobs/upload-blob';
import { MiB, quickClient, useProxiedRegistry } from './proxied-registry';

const repository = 'faults/download';
const blobPathPattern = /^\/v2\/faults\/download\/blobs\/sha256:/;
const env = useProxiedRegistry('faults-download');
let blob: { data: Buffer; digest: string; size: number };

beforeAll(async () => {
  const data = randomBytes(3 * MiB);
  blob = { data, size: data.byteLength, digest: `sha256:${createHash('sha256').update(data).digest('hex')}` };
  await uploadBlob(quickClient(env.registry.url), { repository, source: { data } });
});
beforeEach(() => {
  env.proxy.clearFaults();
  env.proxy.clearRecord();
});

const http = () => quickClient(env.proxy.url);
const gets = () => env.proxy.requests.filter((r) => r.method === 'GET' && blobPathPattern.test(r.path));

async function download(name: string, descriptor = { digest: blob.digest, size: blob.size }, maxResumes?: number) {
  const targetPath = join(env.dir, name);
  const result = await downloadBlob(http(), { repository, descriptor, targetPath, ...(maxResumes !== undefined ? { maxResumes } : {}) });
  expect((await readFile(targetPath)).equals(blob.data)).toBe(true);
  return result;
}

async function expectNothingLeft(name: string) {
  const left = await readdir(env.dir);
  expect(left.filter((entry) => entry.includes(name))).toEqual([]);
}

describe('downloadBlob through faults', () => {
  it('resumes a body reset mid-way with Range and ends byte-identical', async () => {
    env.proxy.fault({ method: 'GET', path: blobPathPattern, fault: { kind: 'reset-response', afterBytes: MiB } });
    const result = await download('reset.bin');
    expect(result.resumes).toBe(1);
    const [first, second] = gets();
    expect(first?.values.range).toBeUndefined();
    expect(second?.values.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(second?.values.range ?? '')?.[0])).toBeGreaterThan(0);
    expect(second?.status).toBe(206);
  });

  it('discards the prefix when the server answers a Range request with 200', async () => {
    env.proxy.fault({ method: 'GET', path: blobPathPattern, fault: { kind: 'reset-response', afterBytes: MiB } });
    env.proxy.fault({ method: 'GET', path: blobPathPattern, from: 2, fault: { kind: 'ignore-range' } });
    const result = await download('ignored-range.bin');
    expect(result.resumes).toBe(1);
    expect(gets()[1]).toMatchObject({ status: 200, fault: 'ignore-range' });
    expect(gets()[1]?.values.range).toMatch(/^bytes=\d+-$/);
  });

  it('fails with "truncated" and leaves no file when every body ends early', async () => {
    env.proxy.fault({ method: 'GET', path: blobPathPattern, times: Infinity, fault: { kind: 'truncate', afterBytes: 1000 } });
    env.proxy.fault({ method: 'GET', path: blobPathPattern, times: Infinity, fault: { kind: 'ignore-range' } });
    const error = (await download('truncated.bin', undefined, 2).catch((e: unknown) => e)) as BlobError;
    expect(error.reason).toBe('resume-exhausted');
    expect(error.code).toBe('network');
    expect(gets()).toHaveLength(3);
    await expectNothingLeft('truncated.bin');
  });

  it('rejects a body whose bytes do not match the digest and removes the temp file', async () => {
    env.proxy.fault({
      method: 'GET',
      path: blobPathPattern,
      fault: { kind: 'rewrite', transform: (r) => ({ ...r, body: Buffer.concat([Buffer.from([r.body[0]! ^ 0xff]), r.body.subarray(1)]) }) },
    });
    const error = (await download('corrupt.bin').catch((e: unknown) => e)) as BlobError;
    expect(error.reason).toBe('digest-mismatch');
    expect(error.message).toMatch(/does not match its digest/);
    await expectNothingLeft('corrupt.bin');
  });

  it('rejects an answer that announces another blob in Docker-Content-Digest', async () => {
    const other = `sha256:${'0'.repeat(64)}`;
    env.proxy.fault({ method: 'GET', path: blobPathPattern, fault: { kind: 'header', name: 'Docker-Content-Digest', value: other } });
    const error = (await download('other.bin').catch((e: unknown) => e)) as BlobError;
    expect(error.reason).toBe('digest-mismatch');
    await expectNothingLeft('other.bin');
  });

  it('stops as soon as the body overflows a descriptor that claims fewer bytes', async () => {
    const error = (await download('long.bin', { digest: blob.digest, size: MiB }).catch((e: unknown) => e)) as BlobError;
    expect(error.reason).toBe('size-mismatch');
    expect(error.message).toMatch(/more than the 1048576 bytes/);
    await expectNothingLeft('long.bin');
  });

  it('reports a blob shorter than its descriptor claims', async () => {
    const error = (await download('short.bin', { digest: blob.digest, size: blob.size + 10 }).catch((e: unknown) => e)) as BlobError;
    expect(error.reason).toBe('size-mismatch');
    expect(error.message).toMatch(/short of the/);
    await expectNothingLeft('short.bin');
  });

  it('recovers from a Content-Length that promises more than is sent', async () => {
    env.proxy.fault({ method: 'GET', path: blobPathPattern, fault: { kind: 'content-length', value: blob.size + 5000 } });
    const result = await download('lying-length.bin');
    expect(result.resumes).toBe(1);
  });

  it('completes after a burst of 503s', async () => {
    env.proxy.fault({ method: 'GET', path: blobPathPattern, times: 3, fault: { kind: 'status', status: 503 } });
    await download('burst.bin');
    expect(gets().map((r) => r.status)).toEqual([503, 503, 503, 200]);
  });

  it('honours 429 with Retry-After in seconds and as an HTTP date', async () => {
    env.proxy.fault({ method: 'GET', path: blobPathPattern, fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } });
    env.proxy.fault({ method: 'GET', path: blobPathPattern, from: 2, fault: { kind: 'status', status: 429, headers: { 'retry-after': new Date(Date.now() + 1500).toUTCString() } } });
    await download('throttled.bin');
    expect(gets().map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('survives a slow drip and reports progress along the way', async () => {
    env.proxy.fault({ method: 'GET', path: blobPathPattern, fault: { kind: 'drip', bytesPerTick: 256 * 1024, tickMs: 2 } });
    const progress: number[] = [];
    await downloadBlob(http(), { repository, descriptor: { digest: blob.digest, size: blob.size }, targetPath: join(env.dir, 'drip.bin'), onProgress: (n) => progress.push(n) });
    expect(progress.length).toBeGreaterThan(4);
    expect(progress.at(-1)).toBe(blob.size);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('cancels mid-body: AbortError, and no temp file left', async () => {
    env.proxy.fault({ method: 'GET', path: blobPathPattern, fault: { kind: 'drip', bytesPerTick: 64 * 1024, tickMs: 5 } });
    const controller = new AbortController();
    const outcome = downloadBlob(http(), {
      repository,
      descriptor: { digest: blob.digest, size: blob.size },
      targetPath: join(env.dir, 'cancelled.bin'),
      signal: controller.signal,
      onProgress: (n) => {
        if (n >= 512 * 1024) controller.abort();
      },
    });
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError' });
    await expectNothingLeft('cancelled.bin');
  });

  it('readBlob refuses a metadata blob over the 4 MiB cap before fetching', async () => {
    await expect(readBlob(http(), repository, { digest: blob.digest, size: 5 * MiB })).rejects.toMatchObject({ reason: 'too-large' });
    expect(gets()).toHaveLength(0);
  });
});
