import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pullScope, pushScope } from '../../../electron/oci/auth/scopes';
import { downloadBlob } from '../../../electron/oci/blobs/download-blob';
import { blobExists, uploadBlob } from '../../../electron/oci/blobs/upload-blob';
import { RegistryClient } from '../../../electron/oci/client/registry-client';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';

const MiB = 1024 * 1024;
// Distribution accepts a token up to 60 s past its `exp`: a token issued with a lifetime of -58 s
// is good at the registry for about 2 s, while the client (which reads a non-positive expires_in
// as "unknown") keeps using it. A request the proxy holds for 4 s then meets an expired token.
const SHORT_TTL = -58;
const HOLD_MS = 4000;

let registry: TestRegistry;
let proxy: FaultProxy;
let dir: string;

beforeAll(async () => {
  registry = await startRegistry({ auth: 'token', tokenTtlSeconds: SHORT_TTL });
  proxy = await startFaultProxy({ upstream: registry.url });
  dir = await makeTempDir('blobs-token');
});
afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  await removeTempDir(dir);
});
beforeEach(() => {
  proxy.clearFaults();
  proxy.clearRecord();
  registry.tokenServer!.setTtlSeconds(300);
  registry.tokenServer!.resetRecords();
});

const login = async () => {
  const [username, password] = Object.entries(registry.users)[0]!;
  return { username, password };
};
/** The first token issued is short-lived; every later one lasts. */
const shortFirstToken = async () => {
  if (registry.tokenServer!.issued.length > 0) registry.tokenServer!.setTtlSeconds(300);
  return login();
};
const client = (credentials = login) => new RegistryClient({ baseUrl: proxy.url, credentials, retry: { baseDelayMs: 20, maxAttempts: 3 } });

async function randomFile(name: string, size: number) {
  const data = randomBytes(size);
  const path = join(dir, name);
  await writeFile(path, data);
  return { path, size, data, digest: `sha256:${createHash('sha256').update(data).digest('hex')}` };
}

async function expectStored(repository: string, file: { digest: string; size: number; data: Buffer }) {
  const target = join(dir, `${repository.replace('/', '_')}.check`);
  await downloadBlob(client(), { repository, descriptor: { digest: file.digest, size: file.size }, targetPath: target });
  expect((await readFile(target)).equals(file.data)).toBe(true);
}

describe('blobs against a token-auth registry (real token server)', () => {
  it('uploads monolithically and in chunks with a push,pull token, and downloads with the same login', async () => {
    const small = await randomFile('small.bin', 200 * 1024);
    const large = await randomFile('large.bin', 6 * MiB);
    const http = client();
    await expect(uploadBlob(http, { repository: 'tok/app', source: { path: small.path } })).resolves.toMatchObject({ outcome: 'uploaded', digest: small.digest });
    await expect(uploadBlob(http, { repository: 'tok/app', source: { path: large.path }, chunkSize: 2 * MiB, monolithicLimit: MiB })).resolves.toMatchObject({
      outcome: 'uploaded',
      digest: large.digest,
    });
    expect(proxy.requests.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([202, 202, 202]);
    expect(proxy.requests.filter((r) => r.method !== 'GET' || r.path !== '/v2/').every((r) => r.status === 401 || r.headerNames.includes('authorization'))).toBe(true);
    const server = registry.tokenServer!;
    expect(server.issuedCount(pushScope('tok/app'))).toBe(1);
    expect(server.issued.every((t) => t.subject === Object.keys(registry.users)[0])).toBe(true);
    await expectStored('tok/app', small);
    await expectStored('tok/app', large);
    expect(server.issuedCount(pullScope('tok/app'))).toBeGreaterThanOrEqual(1);
  });

  it('an anonymous client may pull but not push', async () => {
    const file = await randomFile('anon.bin', 64 * 1024);
    await uploadBlob(client(), { repository: 'tok/anon', source: { path: file.path } });
    const anonymous = new RegistryClient({ baseUrl: proxy.url, retry: { maxAttempts: 1 } });
    expect(await blobExists(anonymous, 'tok/anon', file.digest)).toBe(true);
    const other = await randomFile('anon-2.bin', 1024);
    await expect(uploadBlob(anonymous, { repository: 'tok/anon', source: { path: other.path } })).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('a token that expires mid-upload: the refused PATCH is re-challenged once and replayed from disk', async () => {
    const file = await randomFile('expiring-up.bin', 6 * MiB);
    const server = registry.tokenServer!;
    server.setTtlSeconds(SHORT_TTL);
    // the second chunk reaches the registry after the first token has expired there
    proxy.fault({ method: 'PATCH', from: 2, fault: { kind: 'delay', ms: HOLD_MS } });
    const result = await uploadBlob(client(shortFirstToken), { repository: 'tok/expiring', source: { path: file.path }, chunkSize: 2 * MiB, monolithicLimit: MiB });
    expect(result).toMatchObject({ digest: file.digest, outcome: 'uploaded', resumes: 0 });
    const patches = proxy.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => [r.values['content-range'], r.status])).toEqual([
      [`0-${2 * MiB - 1}`, 202],
      [`${2 * MiB}-${4 * MiB - 1}`, 401],
      [`${2 * MiB}-${4 * MiB - 1}`, 202],
      [`${4 * MiB}-${6 * MiB - 1}`, 202],
    ]);
    expect(server.issued.map((t) => t.expiresIn)).toEqual([SHORT_TTL, 300]);
    // one upload session (the POST before it is the first, unauthenticated, challenge)
    expect(proxy.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([401, 202]);
    await expectStored('tok/expiring', file);
  });

  it('a token that expires mid-download: the resumed Range GET is re-challenged once and the file ends byte-identical', async () => {
    const file = await randomFile('expiring-down.bin', 3 * MiB);
    await uploadBlob(client(), { repository: 'tok/expiring-down', source: { path: file.path } });
    const server = registry.tokenServer!;
    server.resetRecords();
    server.setTtlSeconds(SHORT_TTL);
    // a first exchange, so the client holds the short-lived token before the transfer starts
    const http = client(shortFirstToken);
    expect(await blobExists(http, 'tok/expiring-down', file.digest)).toBe(true);
    proxy.clearRecord();
    const blobPath = /^\/v2\/tok\/expiring-down\/blobs\/sha256:/;
    proxy.fault({ method: 'GET', path: blobPath, fault: { kind: 'reset-response', afterBytes: MiB } });
    proxy.fault({ method: 'GET', path: blobPath, from: 2, fault: { kind: 'delay', ms: HOLD_MS } });
    const target = join(dir, 'expiring-down.out');
    const result = await downloadBlob(http, { repository: 'tok/expiring-down', descriptor: { digest: file.digest, size: file.size }, targetPath: target });
    expect(result.resumes).toBe(1);
    expect((await readFile(target)).equals(file.data)).toBe(true);
    const gets = proxy.requests.filter((r) => r.method === 'GET' && blobPath.test(r.path));
    expect(gets.map((r) => r.status)).toEqual([200, 401, 206]);
    expect(gets[1]?.values.range).toMatch(/^bytes=\d+-$/);
    expect(gets[2]?.values.range).toBe(gets[1]?.values.range);
    expect(server.issued.map((t) => t.expiresIn)).toEqual([SHORT_TTL, 300]);
  });
});
