import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/contract';
import { RegistryClient } from '../../../electron/oci/client/registry-client';
import { downloadBlob } from '../../../electron/oci/blobs/download-blob';
import { blobExists, uploadBlob } from '../../../electron/oci/blobs/upload-blob';
import { startFaultProxy, type FaultProxy, type RecordedRequest } from '../../support/fault-proxy';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';

// The default large-blob path: no digest, no chunkSize, a registry without OCI-Chunk-Min-Length
// → one streamed PATCH of the whole file, then an empty `PUT ?digest=`, the digest computed from
// the bytes as they go out.

const MiB = 1024 * 1024;
const SIZE = 40 * MiB;
const client = (baseUrl: string, maxAttempts = 5) => new RegistryClient({ baseUrl, retry: { baseDelayMs: 20, maxRetryAfterMs: 2500, maxAttempts } });

let registry: TestRegistry;
let proxy: FaultProxy;
let dir: string;
let file: { path: string; size: number; data: Buffer; digest: string };

beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startFaultProxy({ upstream: registry.url });
  dir = await makeTempDir('blobs-default-path');
  const data = randomBytes(SIZE);
  const path = join(dir, 'big.bin');
  await writeFile(path, data);
  file = { path, size: SIZE, data, digest: `sha256:${createHash('sha256').update(data).digest('hex')}` };
});
afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  await removeTempDir(dir);
});
beforeEach(() => {
  proxy.clearFaults();
  proxy.clearRecord();
});

const only = (method: string) => proxy.requests.filter((r) => r.method === method);
const sessionId = (r: RecordedRequest) => /\/blobs\/uploads\/([0-9a-f-]+)/.exec(r.path)?.[1];

/** Upload sessions Distribution still holds on disk for `repository` (`…/<name>/_uploads/<uuid>`). */
async function sessionsOnDisk(repository: string): Promise<string[]> {
  const uploads = join(registry.rootDir, 'data', 'docker', 'registry', 'v2', 'repositories', repository, '_uploads');
  return readdir(uploads).catch((error: { code?: string }) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

/**
 * Every session the record shows, asked again at its last known URL. Each must be closed to the
 * API: 404 BLOB_UPLOAD_UNKNOWN (committed or deleted), or 404 BLOB_UPLOAD_INVALID for a session a
 * PATCH was cut in (Distribution then refuses every request on it, DELETE included).
 */
async function sessionAnswers(): Promise<Map<string, { status: number; code: string | undefined }>> {
  const last = new Map<string, string>();
  for (const r of proxy.requests) {
    const id = sessionId(r);
    if (id !== undefined) last.set(id, r.path);
  }
  const answers = new Map<string, { status: number; code: string | undefined }>();
  for (const [id, path] of last) {
    const response = await client(registry.url).send({ method: 'GET', url: path, scopes: [] });
    const body = (await response.body.json().catch(() => undefined)) as { errors?: { code?: string }[] } | undefined;
    answers.set(id, { status: response.statusCode, code: body?.errors?.[0]?.code });
  }
  return answers;
}

/**
 * Distribution 2.8 answers 404 BLOB_UPLOAD_INVALID to a session whose stored bytes and `_state`
 * disagree (a PATCH cut mid-body), DELETE included, yet leaves its folder on disk (observed here;
 * likely because its handler closes the writer before cancelling it) until upload purging, off in
 * the test registry, reaps it. No client can remove it; any other leftover is a session left open.
 */
async function expectNoSessionOpen(repository: string): Promise<void> {
  const answers = await sessionAnswers();
  expect(answers.size).toBeGreaterThan(0);
  for (const answer of answers.values()) {
    expect(answer.status).toBe(404);
    expect(['BLOB_UPLOAD_UNKNOWN', 'BLOB_UPLOAD_INVALID']).toContain(answer.code);
  }
  const cut = [...answers].filter(([, answer]) => answer.code === 'BLOB_UPLOAD_INVALID').map(([id]) => id);
  expect((await sessionsOnDisk(repository)).filter((id) => !cut.includes(id))).toEqual([]);
}

async function expectStored(repository: string) {
  const target = join(dir, `${repository.replace(/\//g, '_')}.out`);
  await downloadBlob(client(registry.url), { repository, descriptor: { digest: file.digest, size: file.size }, targetPath: target });
  expect((await readFile(target)).equals(file.data)).toBe(true);
}

describe('uploadBlob default path (no chunkSize, no digest) against docker-registry', () => {
  it('sends a 40 MiB file as one streamed PATCH and an empty PUT ?digest= with the digest of what was sent', async () => {
    const progress: number[] = [];
    const result = await uploadBlob(client(proxy.url), { repository: 'default/plain', source: { path: file.path }, onProgress: (n) => progress.push(n) });

    expect(result).toEqual({ digest: file.digest, size: SIZE, outcome: 'uploaded', resumes: 0 });
    expect(proxy.requests.map((r) => r.method)).toEqual(['POST', 'PATCH', 'PUT']);
    const [patch] = only('PATCH');
    expect(patch?.status).toBe(202);
    // one body covering the whole blob, not a series of chunks
    expect(patch?.values['content-length']).toBe(String(SIZE));
    expect(patch?.values['content-range'] ?? `0-${SIZE - 1}`).toBe(`0-${SIZE - 1}`);
    const [put] = only('PUT');
    expect(put?.status).toBe(201);
    expect(put?.values['content-length']).toBe('0');
    expect(new URL(put?.path ?? '', proxy.url).searchParams.get('digest')).toBe(file.digest);
    expect(sessionId(put as RecordedRequest)).toBe(sessionId(patch as RecordedRequest));
    expect(progress.at(-1)).toBe(SIZE);

    expect(await blobExists(client(registry.url), 'default/plain', file.digest)).toBe(true);
    await expectStored('default/plain');
    expect(await sessionsOnDisk('default/plain')).toEqual([]);
  });

  it('a connection reset mid-PATCH either completes on a fresh session or fails as a network error, leaving no session open', async () => {
    const repository = 'default/reset';
    proxy.fault({ method: 'PATCH', fault: { kind: 'reset-request', afterBytes: 12 * MiB } });
    const outcome = await uploadBlob(client(proxy.url, 1), { repository, source: { path: file.path } }).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );

    const patches = only('PATCH');
    expect(patches[0]?.fault).toBe('reset-request');
    if ('result' in outcome) {
      expect(outcome.result).toMatchObject({ digest: file.digest, outcome: 'uploaded', resumes: 1 });
      // Distribution dropped the cut session (404 on the offset check), so a fresh one restarted at 0
      const offsetCheck = proxy.requests.find((r) => r.method === 'GET' && r.path.includes('/blobs/uploads/'));
      expect(offsetCheck?.status).toBe(404);
      expect(only('POST')).toHaveLength(2);
      expect(patches.map((r) => r.values['content-range'])).toEqual([`0-${SIZE - 1}`, `0-${SIZE - 1}`]);
      expect(sessionId(patches[1] as RecordedRequest)).not.toBe(sessionId(patches[0] as RecordedRequest));
      await expectStored(repository);
    } else {
      expect(outcome.error).toBeInstanceOf(ContractError);
      expect((outcome.error as ContractError).code).toBe('network');
      expect(only('DELETE').length).toBeGreaterThan(0);
      expect(await blobExists(client(registry.url), repository, file.digest)).toBe(false);
    }
    await expectNoSessionOpen(repository);
  });

  it('cancel mid-PATCH rejects as cancelled and deletes the session', async () => {
    const repository = 'default/cancel';
    const controller = new AbortController();
    const upload = uploadBlob(client(proxy.url), {
      repository,
      source: { path: file.path },
      signal: controller.signal,
      onProgress: (bytes) => {
        if (bytes > 10 * MiB && !controller.signal.aborted) controller.abort();
      },
    });

    await expect(upload).rejects.toMatchObject({ name: 'AbortError' });

    expect(only('PATCH')).toHaveLength(1);
    expect(only('PUT')).toHaveLength(0);
    const deleted = only('DELETE');
    expect(deleted).toHaveLength(1);
    expect(sessionId(deleted[0] as RecordedRequest)).toBe(sessionId(only('PATCH')[0] as RecordedRequest));
    // 204, or 404 when Distribution had already dropped the session the abort cut mid-PATCH
    expect([204, 404]).toContain(deleted[0]?.status);
    await expectNoSessionOpen(repository);
    // a DELETE the registry accepted leaves nothing at all on disk
    if (deleted[0]?.status === 204) expect(await sessionsOnDisk(repository)).toEqual([]);
    expect(await blobExists(client(registry.url), repository, file.digest)).toBe(false);
  });

  it('a registry that sends OCI-Chunk-Min-Length gets chunks of at least that size, not one PATCH', async () => {
    const repository = 'default/minchunk';
    const min = 12 * MiB;
    proxy.fault({
      method: 'POST',
      path: /\/blobs\/uploads\/$/,
      fault: { kind: 'rewrite', transform: (r) => ({ ...r, headers: { ...r.headers, 'oci-chunk-min-length': String(min) } }) },
    });
    const result = await uploadBlob(client(proxy.url), { repository, source: { path: file.path } });

    expect(result).toMatchObject({ digest: file.digest, outcome: 'uploaded', resumes: 0 });
    const ranges = only('PATCH').map((r) => (r.values['content-range'] ?? '').split('-').map(Number));
    expect(ranges.length).toBeGreaterThan(1);
    let next = 0;
    for (const [index, [start, end]] of ranges.entries()) {
      expect(start).toBe(next);
      const length = (end as number) - (start as number) + 1;
      // every chunk but the last is at least the registry's minimum
      if (index < ranges.length - 1) expect(length).toBeGreaterThanOrEqual(min);
      next = (end as number) + 1;
    }
    expect(next).toBe(SIZE);
    expect(only('PUT')).toHaveLength(1);
    await expectStored(repository);
  });
});
