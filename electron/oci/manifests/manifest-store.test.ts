import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../client/registry-client';
import { digestOf } from '../reference/digest';
import { canonicalManifest } from './canonical-json';
import { ManifestStore } from './manifest-store';
import { EMPTY_JSON_DIGEST, OCI_EMPTY, OCI_INDEX, OCI_MANIFEST } from './media-types';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

const seenAccept: string[] = [];
async function mockStore(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<ManifestStore> {
  const server = createServer((req, res) => {
    seenAccept.push(String(req.headers.accept));
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  const http = new RegistryClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sleep: async () => undefined });
  return new ManifestStore(http, 'team/app');
}

const bytes = canonicalManifest({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: OCI_EMPTY, digest: EMPTY_JSON_DIGEST, size: 2 }, layers: [] });
const good = digestOf(bytes);

describe('ManifestStore against a lying registry (mock server)', () => {
  it('names every manifest type in Accept, never */*', async () => {
    const store = await mockStore((_req, res) => res.writeHead(200, { 'content-type': OCI_MANIFEST }).end(bytes));
    seenAccept.length = 0;
    await store.fetch('v1');
    expect(seenAccept[0]).toContain(OCI_MANIFEST);
    expect(seenAccept[0]).toContain(OCI_INDEX);
    expect(seenAccept[0]).toContain('application/vnd.docker.distribution.manifest.v2+json');
    expect(seenAccept[0]).not.toContain('*/*');
  });

  it('refuses bytes that do not match the requested digest or Docker-Content-Digest', async () => {
    const tampered = Buffer.from(bytes.toString().replace('"layers":[]', '"layers": []'));
    const store = await mockStore((_req, res) => res.writeHead(200, { 'content-type': OCI_MANIFEST, 'docker-content-digest': good }).end(tampered));
    await expect(store.fetch(good)).rejects.toThrow(/does not match its digest/);
    await expect(store.fetch('v1')).rejects.toThrow(/does not match its digest/);
  });

  it('refuses a manifest over 4 MiB by Content-Length and by counting', async () => {
    const declared = await mockStore((_req, res) => res.writeHead(200, { 'content-type': OCI_MANIFEST, 'content-length': String(5 * 1024 * 1024) }).end());
    await expect(declared.fetch('v1')).rejects.toThrow(/larger than 4 MiB/);
    const chunked = await mockStore((_req, res) => {
      res.writeHead(200, { 'content-type': OCI_MANIFEST, 'transfer-encoding': 'chunked' });
      const chunk = Buffer.alloc(1024 * 1024, 32);
      for (let i = 0; i < 5; i++) res.write(chunk);
      res.end();
    });
    await expect(chunked.fetch('v1')).rejects.toThrow(/larger than 4 MiB/);
  });

  it('refuses a body whose mediaType contradicts the Content-Type', async () => {
    const store = await mockStore((_req, res) => res.writeHead(200, { 'content-type': OCI_INDEX }).end(bytes));
    await expect(store.fetch('v1')).rejects.toThrow(/contradicts the Content-Type/);
  });

  it('falls back to GET when HEAD gives no digest, and checks a HEAD digest against the one asked for', async () => {
    const noDigest = await mockStore((req, res) => {
      if (req.method === 'HEAD') return void res.writeHead(200, { 'content-type': OCI_MANIFEST, 'content-length': String(bytes.length) }).end();
      res.writeHead(200, { 'content-type': OCI_MANIFEST }).end(bytes);
    });
    expect(await noDigest.resolve('v1')).toEqual({ mediaType: OCI_MANIFEST, digest: good, size: bytes.length });
    const other = `sha256:${'e'.repeat(64)}`;
    const wrong = await mockStore((_req, res) => res.writeHead(200, { 'content-type': OCI_MANIFEST, 'docker-content-digest': other, 'content-length': '10' }).end());
    await expect(wrong.resolve(good)).rejects.toThrow(/answered for/);
  });

  it('refuses invalid references before any request', async () => {
    const store = await mockStore((_req, res) => res.writeHead(500).end());
    seenAccept.length = 0;
    await expect(store.fetch('bad tag')).rejects.toThrow(/not a valid tag/);
    await expect(store.fetch('sha256:abc')).rejects.toThrow(/64 hex/);
    expect(seenAccept).toHaveLength(0);
  });
});
