import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestBytes } from '../../../electron/oci/blobs/digest';
import { downloadBlob } from '../../../electron/oci/blobs/download-blob';
import { readBlob } from '../../../electron/oci/blobs/read-blob';
import { blobExists, uploadBlob } from '../../../electron/oci/blobs/upload-blob';
import { MiB, quickClient, useProxiedRegistry } from './proxied-registry';

const env = useProxiedRegistry('blobs-upload');


async function randomFile(name: string, size: number) {
  const data = randomBytes(size);
  const path = join(env.dir, name);
  await writeFile(path, data);
  return { path, size, digest: `sha256:${createHash('sha256').update(data).digest('hex')}`, data };
}

describe('uploadBlob against docker-registry', () => {
  it('uploads a small file in one PUT and reads it back byte for byte', async () => {
    const http = quickClient(env.proxy.url);
    const file = await randomFile('small.bin', 300 * 1024);
    env.proxy.clearRecord();
    const progress: number[] = [];
    const result = await uploadBlob(http, { repository: 'up/small', source: { path: file.path }, onProgress: (n) => progress.push(n) });
    expect(result).toMatchObject({ digest: file.digest, size: file.size, outcome: 'uploaded' });
    expect(env.proxy.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
    const put = env.proxy.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toMatch(/\?.*_state=.*&digest=sha256%3A/);
    expect(put?.values['content-type']).toBe('application/octet-stream');
    expect(progress.at(-1)).toBe(file.size);
    const target = join(env.dir, 'small.out');
    await downloadBlob(http, { repository: 'up/small', descriptor: { digest: file.digest, size: file.size }, targetPath: target });
    expect((await readFile(target)).equals(file.data)).toBe(true);
  });

  it('uploads 20 MiB in 5 MiB PATCH chunks, hashing as it streams, and the registry serves the same bytes', async () => {
    const http = quickClient(env.proxy.url);
    const file = await randomFile('large.bin', 20 * MiB);
    env.proxy.clearRecord();
    const result = await uploadBlob(http, { repository: 'up/large', source: { path: file.path }, chunkSize: 5 * MiB, monolithicLimit: MiB });
    expect(result).toMatchObject({ digest: file.digest, size: file.size, outcome: 'uploaded', resumes: 0 });
    const ranges = env.proxy.requests.filter((r) => r.method === 'PATCH').map((r) => r.values['content-range']);
    expect(ranges).toEqual(['0-5242879', '5242880-10485759', '10485760-15728639', '15728640-20971519']);
    // no HEAD: the digest was unknown until the last byte streamed
    expect(env.proxy.requests.some((r) => r.method === 'HEAD')).toBe(false);
    const target = join(env.dir, 'large.out');
    await downloadBlob(http, { repository: 'up/large', descriptor: { digest: file.digest, size: file.size }, targetPath: target });
    expect(digestBytes(await readFile(target))).toBe(file.digest);
  });

  it('skips the upload when HEAD finds the blob already there', async () => {
    const http = quickClient(env.proxy.url);
    const data = Buffer.from('{"architecture":"amd64","os":"linux"}');
    await uploadBlob(http, { repository: 'up/skip', source: { data } });
    env.proxy.clearRecord();
    const again = await uploadBlob(http, { repository: 'up/skip', source: { data } });
    expect(again.outcome).toBe('exists');
    expect(env.proxy.requests.map((r) => r.method)).toEqual(['HEAD']);
    expect(await blobExists(http, 'up/skip', digestBytes(data))).toBe(true);
    expect((await readBlob(http, 'up/skip', { digest: digestBytes(data), size: data.byteLength })).equals(data)).toBe(true);
  });

  it('mounts a blob from a sibling repository (201) without sending its bytes', async () => {
    const http = quickClient(env.proxy.url);
    const file = await randomFile('mount.bin', 64 * 1024);
    await uploadBlob(http, { repository: 'mount/source', source: { path: file.path, digest: file.digest } });
    env.proxy.clearRecord();
    const result = await uploadBlob(http, { repository: 'mount/target', source: { path: file.path, digest: file.digest }, mountFrom: ['mount/source'] });
    expect(result.outcome).toBe('mounted');
    expect(env.proxy.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['HEAD 404', 'POST 201']);
    expect(await blobExists(http, 'mount/target', file.digest)).toBe(true);
  });

  it('continues the session the registry opens when the mount source lacks the blob (202)', async () => {
    const http = quickClient(env.proxy.url);
    const file = await randomFile('nomount.bin', 32 * 1024);
    env.proxy.clearRecord();
    const result = await uploadBlob(http, { repository: 'mount/other', source: { path: file.path, digest: file.digest }, mountFrom: ['mount/empty'] });
    expect(result.outcome).toBe('uploaded');
    expect(env.proxy.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['HEAD 404', 'POST 202', 'PUT 201']);
    expect(env.proxy.requests[1]?.path).toContain(`mount=${encodeURIComponent(file.digest)}`);
    expect(await blobExists(http, 'mount/other', file.digest)).toBe(true);
  });

  it('uploads an empty blob and an in-memory document', async () => {
    const http = quickClient(env.proxy.url);
    const empty = await uploadBlob(http, { repository: 'up/empty', source: { data: Buffer.alloc(0) } });
    expect(empty.digest).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const doc = await uploadBlob(http, { repository: 'up/empty', source: { data: Buffer.from('{}') } });
    expect(doc.digest).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(await blobExists(http, 'up/empty', empty.digest)).toBe(true);
  });

  it('refuses a file whose size differs from the one given, before any request', async () => {
    const http = quickClient(env.proxy.url);
    const file = await randomFile('changed.bin', 1000);
    env.proxy.clearRecord();
    await expect(uploadBlob(http, { repository: 'up/changed', source: { path: file.path, size: 999 } })).rejects.toThrow(/1000 bytes, not the 999/);
    expect(env.proxy.requests).toHaveLength(0);
  });
});
