import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../electron/oci/client/registry-client';
import { digestBytes } from '../../../electron/oci/blobs/digest';
import { downloadBlob } from '../../../electron/oci/blobs/download-blob';
import { blobExists, uploadBlob } from '../../../electron/oci/blobs/upload-blob';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';

// A registry behind a login (htpasswd) that hands blob downloads and upload sessions to another
// origin, the way registries hand them to object storage: credentials must stay behind.
let secured: TestRegistry;
let storage: TestRegistry;
let front: FaultProxy;
let foreign: FaultProxy;
let dir: string;
const repository = 'redirect/blob';

const loggedIn = () =>
  new RegistryClient({
    baseUrl: front.url,
    credentials: async () => ({ username: 'alice', password: secured.users.alice as string }),
    retry: { baseDelayMs: 20, maxAttempts: 2 },
  });

beforeAll(async () => {
  [secured, storage] = await Promise.all([startRegistry({ auth: 'htpasswd' }), startRegistry()]);
  front = await startFaultProxy({ upstream: secured.url });
  foreign = await startFaultProxy({ upstream: storage.url });
  dir = await makeTempDir('faults-redirect');
});
afterAll(async () => {
  await front?.stop();
  await foreign?.stop();
  await secured?.stop();
  await storage?.stop();
  await removeTempDir(dir);
});

describe('credentials never follow a transfer to another origin', () => {
  it('downloads a blob redirected to another port without sending Authorization there', async () => {
    const data = randomBytes(256 * 1024);
    const digest = digestBytes(data);
    await uploadBlob(loggedIn(), { repository, source: { data } });
    await uploadBlob(new RegistryClient({ baseUrl: storage.url }), { repository, source: { data } });
    front.clearRecord();
    front.fault({ method: 'GET', path: /\/blobs\/sha256:/, fault: { kind: 'redirect', to: foreign.url } });

    const http = loggedIn();
    // a first authenticated exchange, so the client knows the challenge and sends credentials up front
    expect(await blobExists(http, repository, digest)).toBe(true);
    const target = join(dir, 'redirected.bin');
    await downloadBlob(http, { repository, descriptor: { digest, size: data.byteLength }, targetPath: target });

    expect((await readFile(target)).equals(data)).toBe(true);
    const atFront = front.requests.filter((r) => r.fault === 'redirect');
    expect(atFront).toHaveLength(1);
    expect(atFront[0]?.headerNames).toContain('authorization');
    const atForeign = foreign.requests.filter((r) => r.method === 'GET' && r.path.includes(digest));
    expect(atForeign).toHaveLength(1);
    expect(atForeign[0]?.headerNames).not.toContain('authorization');
  });

  it('follows an upload Location on another origin without credentials', async () => {
    const data = Buffer.from(randomBytes(64 * 1024));
    foreign.clearRecord();
    front.fault({
      method: 'POST',
      path: /\/blobs\/uploads\/$/,
      fault: {
        kind: 'rewrite',
        transform: (r) => {
          const location = new URL(r.headers.location ?? '/', front.url);
          return { ...r, headers: { ...r.headers, location: `${foreign.url}${location.pathname}${location.search}` } };
        },
      },
    });
    // the other origin does not know the session (it is another registry): the upload fails there,
    // which is the point — what matters is what it was sent
    await expect(uploadBlob(loggedIn(), { repository, source: { data } })).rejects.toMatchObject({ code: 'not-found' });
    const atForeign = foreign.requests.filter((r) => r.path.includes('/blobs/uploads/'));
    expect(atForeign.map((r) => r.method)).toEqual(['PUT', 'DELETE']);
    for (const request of atForeign) expect(request.headerNames).not.toContain('authorization');
  });
});
