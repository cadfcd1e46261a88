import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { digestBytes } from '../../../electron/oci/blobs/digest';
import { downloadBlob } from '../../../electron/oci/blobs/download-blob';
import { blobExists, uploadBlob } from '../../../electron/oci/blobs/upload-blob';
import type { RecordedRequest } from '../../support/fault-proxy';
import { MiB, quickClient, useProxiedRegistry } from './proxied-registry';

const env = useProxiedRegistry('faults-upload');

beforeEach(() => {
  env.proxy.clearFaults();
  env.proxy.clearRecord();
});

async function randomFile(name: string, size: number) {
  const data = randomBytes(size);
  const path = join(env.dir, name);
  await writeFile(path, data);
  return { path, size, data, digest: `sha256:${createHash('sha256').update(data).digest('hex')}` };
}

const startOf = (r: RecordedRequest | undefined) => Number(r?.values['content-range']?.split('-')[0]);
const http = () => quickClient(env.proxy.url);

async function expectStored(repository: string, file: { digest: string; size: number; data: Buffer }) {
  const target = join(env.dir, `${repository.replace('/', '_')}.check`);
  await downloadBlob(http(), { repository, descriptor: { digest: file.digest, size: file.size }, targetPath: target });
  expect((await readFile(target)).equals(file.data)).toBe(true);
}

describe('uploadBlob through faults', () => {
  it('resumes a failed PATCH from the offset the registry reports, not from 0', async () => {
    const file = await randomFile('cut.bin', 20 * MiB);
    // the second PATCH never reaches the registry: a gateway in between answers 502
    env.proxy.fault({ method: 'PATCH', from: 2, fault: { kind: 'status', status: 502 } });
    const result = await uploadBlob(quickClient(env.proxy.url, 1), {
      repository: 'faults/cut',
      source: { path: file.path },
      chunkSize: 5 * MiB,
      monolithicLimit: MiB,
    });
    expect(result).toMatchObject({ digest: file.digest, outcome: 'uploaded', resumes: 1 });
    const offsetCheck = env.proxy.requests.findIndex((r) => r.method === 'GET' && r.path.includes('/blobs/uploads/'));
    expect(offsetCheck).toBeGreaterThan(0);
    const reported = env.proxy.requests[offsetCheck]?.responseRange;
    expect(reported).toBe(`0-${5 * MiB - 1}`);
    const resumed = env.proxy.requests.slice(offsetCheck).find((r) => r.method === 'PATCH');
    expect(startOf(resumed)).toBe(5 * MiB);
    expect(env.proxy.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    await expectStored('faults/cut', file);
  });

  it('starts a fresh session when Distribution discards the one a PATCH was cut in, and still finishes', async () => {
    const file = await randomFile('cut-mid.bin', 12 * MiB);
    // 1.5 MiB of the second chunk reach the registry, then both connections drop
    env.proxy.fault({ method: 'PATCH', from: 2, fault: { kind: 'reset-request', afterBytes: 1.5 * MiB } });
    const result = await uploadBlob(quickClient(env.proxy.url, 1), {
      repository: 'faults/cut-mid',
      source: { path: file.path },
      chunkSize: 4 * MiB,
      monolithicLimit: MiB,
    });
    expect(result).toMatchObject({ digest: file.digest, outcome: 'uploaded', resumes: 1 });
    const offsetCheck = env.proxy.requests.find((r) => r.method === 'GET' && r.path.includes('/blobs/uploads/'));
    expect(offsetCheck?.status).toBe(404);
    expect(env.proxy.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    const starts = env.proxy.requests.filter((r) => r.method === 'PATCH').map(startOf);
    expect(starts).toEqual([0, 4 * MiB, 0, 4 * MiB, 8 * MiB]);
    await expectStored('faults/cut-mid', file);
  });

  it('completes through a burst of 503s on PATCH and 429s (both Retry-After forms) on the final PUT', async () => {
    const file = await randomFile('burst.bin', 6 * MiB);
    env.proxy.fault({ method: 'PATCH', from: 2, times: 2, fault: { kind: 'status', status: 503 } });
    env.proxy.fault({ method: 'PUT', fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } });
    env.proxy.fault({ method: 'PUT', from: 2, fault: { kind: 'status', status: 429, headers: { 'retry-after': new Date(Date.now() + 1000).toUTCString() } } });
    const result = await uploadBlob(http(), { repository: 'faults/burst', source: { path: file.path }, chunkSize: 2 * MiB, monolithicLimit: MiB });
    expect(result.digest).toBe(file.digest);
    expect(env.proxy.requests.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([202, 503, 503, 202, 202]);
    expect(env.proxy.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([429, 429, 201]);
    await expectStored('faults/burst', file);
  });

  it('honours OCI-Chunk-Min-Length when the registry asks for bigger chunks', async () => {
    const file = await randomFile('minchunk.bin', 9 * MiB);
    env.proxy.fault({
      method: 'POST',
      path: /\/blobs\/uploads\/$/,
      fault: { kind: 'rewrite', transform: (r) => ({ ...r, headers: { ...r.headers, 'oci-chunk-min-length': String(3 * MiB) } }) },
    });
    await uploadBlob(http(), { repository: 'faults/minchunk', source: { path: file.path }, chunkSize: MiB, monolithicLimit: MiB });
    expect(env.proxy.requests.filter((r) => r.method === 'PATCH').map((r) => r.values['content-range'])).toEqual([
      `0-${3 * MiB - 1}`,
      `${3 * MiB}-${6 * MiB - 1}`,
      `${6 * MiB}-${9 * MiB - 1}`,
    ]);
    await expectStored('faults/minchunk', file);
  });

  it('cancel mid-upload deletes the upload session on the registry', async () => {
    const file = await randomFile('cancel.bin', 12 * MiB);
    const controller = new AbortController();
    const outcome = uploadBlob(http(), {
      repository: 'faults/cancel',
      source: { path: file.path },
      chunkSize: 2 * MiB,
      monolithicLimit: MiB,
      signal: controller.signal,
      onProgress: (bytes) => {
        if (bytes > 3 * MiB) controller.abort();
      },
    });
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError' });
    const deleted = env.proxy.requests.find((r) => r.method === 'DELETE');
    expect(deleted?.path).toMatch(/^\/v2\/faults\/cancel\/blobs\/uploads\/[0-9a-f-]+/);
    // 204, or 404 when Distribution had already dropped the session the abort cut mid-PATCH
    expect([204, 404]).toContain(deleted?.status);
    const check = await http().send({ method: 'GET', url: deleted?.path ?? '', scopes: [] });
    await check.body.dump();
    expect(check.statusCode).toBe(404);
    expect(await blobExists(http(), 'faults/cancel', file.digest)).toBe(false);
  });

  it('a registry that rejects the final digest gives a clear error and the session is dropped', async () => {
    const data = Buffer.from('config that will be mangled');
    env.proxy.fault({ method: 'PUT', fault: { kind: 'status', status: 400, body: '{"errors":[{"code":"DIGEST_INVALID"}]}' } });
    await expect(uploadBlob(http(), { repository: 'faults/reject', source: { data } })).rejects.toMatchObject({ reason: 'digest-mismatch' });
    expect(env.proxy.requests.at(-1)?.method).toBe('DELETE');
    expect(await blobExists(http(), 'faults/reject', digestBytes(data))).toBe(false);
  });
});
