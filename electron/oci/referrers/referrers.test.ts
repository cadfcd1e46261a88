import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../client/registry-client';
import { ManifestStore } from '../manifests/manifest-store';
import { listReferrers } from './referrers';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** A mock registry (node:http) for answers Distribution never gives. */
async function mock(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<RegistryClient> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return new RegistryClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sleep: async () => undefined });
}

describe('referrers (mock server)', () => {
  const subject = `sha256:${'c'.repeat(64)}`;
  const fallbackIndex = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'d'.repeat(64)}`, size: 10, artifactType: 'x/sig' }] });

  it('treats a false 200 with a wrong body as unsupported and reads the tag schema instead', async () => {
    const seen: string[] = [];
    const http = await mock((req, res) => {
      seen.push(req.url!);
      if (req.url!.includes('/referrers/')) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>welcome</html>');
      if (req.url === `/v2/a/manifests/sha256-${'c'.repeat(64)}`) return void res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' }).end(fallbackIndex);
      res.writeHead(404).end();
    });
    const support = { supported: undefined as boolean | undefined };
    const list = await listReferrers(http, new ManifestStore(http, 'a'), subject, {}, support);
    expect(list.map((d) => d.artifactType)).toEqual(['x/sig']);
    expect(support.supported).toBe(false);
    await listReferrers(http, new ManifestStore(http, 'a'), subject, {}, support);
    expect(seen.filter((u) => u.includes('/referrers/'))).toHaveLength(1);
  });

  it('uses the referrers API when it answers with an index, filtering when the registry did not', async () => {
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'1'.repeat(64)}`, size: 1, artifactType: 'x/sbom' },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'2'.repeat(64)}`, size: 1, artifactType: 'x/sig' },
      ],
    });
    const http = await mock((_req, res) => res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' }).end(index));
    const list = await listReferrers(http, new ManifestStore(http, 'a'), subject, { artifactType: 'x/sig' });
    expect(list.map((d) => d.digest)).toEqual([`sha256:${'2'.repeat(64)}`]);
  });
});
