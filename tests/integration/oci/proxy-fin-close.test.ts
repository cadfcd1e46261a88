import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadBlob } from '../../../electron/oci/blobs/download-blob';
import { fetchBlobStream } from '../../../electron/oci/blobs/read-blob';
import { uploadBlob } from '../../../electron/oci/blobs/upload-blob';
import { MiB, quickClient, useProxiedRegistry } from './proxied-registry';

const repository = 'faults/fin';
const blobPathPattern = /^\/v2\/faults\/fin\/blobs\/sha256:/;
const env = useProxiedRegistry('proxy-fin');
let blob: { data: Buffer; digest: string; size: number };

beforeAll(async () => {
  const data = randomBytes(8 * MiB);
  blob = { data, size: data.byteLength, digest: `sha256:${createHash('sha256').update(data).digest('hex')}` };
  await uploadBlob(quickClient(env.registry.url), { repository, source: { data } });
});
beforeEach(() => {
  env.proxy.clearFaults();
  env.proxy.clearRecord();
});

// Before the guard in electron/oci/transport/paused-end-guard.ts, each of these killed the test
// worker with undici's uncatchable `assert(!this.paused)` (nodejs/undici#5360).
describe('a server that closes cleanly (FIN) while the response body is paused by backpressure', () => {
  it('fails the body of a slow reader with a catchable error instead of killing the process', async () => {
    env.proxy.fault({ method: 'GET', path: blobPathPattern, fault: { kind: 'content-length', value: blob.size + 5000, close: 'fin' } });
    const stream = await fetchBlobStream(quickClient(env.proxy.url), repository, { digest: blob.digest, size: blob.size });
    // a reader slower than loopback keeps undici's buffer full, so its parser pauses on every
    // chunk, the last one included, and the FIN arrives while it is paused
    const read = (async () => {
      for await (const chunk of stream) {
        void chunk;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    // Most runs: the parser is paused at the FIN and the guard's SocketError arrives; when the reader
    // happens to have caught up at that moment, undici itself reports the short body. Either way
    // the error is catchable and the worker lives on (without the guard it dies here).
    await expect(read).rejects.toMatchObject({ name: expect.stringMatching(/^(SocketError|ResponseContentLengthMismatchError)$/) });
  });

  it('resumes a download whose promised Content-Length never arrives', async () => {
    env.proxy.fault({ method: 'GET', path: blobPathPattern, fault: { kind: 'content-length', value: blob.size + 5000, close: 'fin' } });
    const target = join(env.dir, 'fin-lying.bin');
    const result = await downloadBlob(quickClient(env.proxy.url), { repository, descriptor: { digest: blob.digest, size: blob.size }, targetPath: target });
    expect(result.resumes).toBe(1);
    expect((await readFile(target)).equals(blob.data)).toBe(true);
  });

  it('completes a download from a server that answers with Connection: close and closes after the body', async () => {
    env.proxy.fault({ method: 'GET', path: blobPathPattern, fault: { kind: 'content-length', value: blob.size, close: 'fin' } });
    const target = join(env.dir, 'fin-honest.bin');
    const result = await downloadBlob(quickClient(env.proxy.url), { repository, descriptor: { digest: blob.digest, size: blob.size }, targetPath: target });
    expect(result.resumes).toBeLessThanOrEqual(1);
    expect((await readFile(target)).equals(blob.data)).toBe(true);
    expect(env.proxy.requests.filter((r) => blobPathPattern.test(r.path)).length).toBeLessThanOrEqual(2);
  });
});
