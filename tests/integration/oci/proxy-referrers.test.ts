import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Descriptor, ImageIndex } from '../../../electron/oci/manifests/manifest-types';
import { OCI_INDEX, OCI_MANIFEST } from '../../../electron/oci/manifests/media-types';
import { createRegistry, type Registry } from '../../../electron/oci/registry';
import { referrersTag } from '../../../electron/oci/referrers/tag-schema';
import { startFaultProxy, type FaultProxy, type ProxiedResponse } from '../../support/fault-proxy';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { emptyArtifact, uploadEmptyConfig } from './helpers';

// Distribution 2.8 has no referrers API (it answers 404). The proxy gives it one, built from what
// is really in the registry: the `sha256-<hex>` index the client itself wrote for the subject.
const repository = 'refs/app';
const SIG = 'application/vnd.stevedore.signature';
const SBOM = 'application/spdx+json';
const referrersPath = /^\/v2\/refs\/app\/referrers\/sha256:[0-9a-f]{64}/;
let registry: TestRegistry;
let proxy: FaultProxy;
let subject: Descriptor;
let written: Descriptor[];

beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startFaultProxy({ upstream: registry.url });
  const direct = createRegistry({ baseUrl: registry.url });
  await uploadEmptyConfig(direct.http, repository);
  const repo = direct.repository(repository);
  subject = await repo.pushManifest(emptyArtifact({ role: 'subject' }), 'v1');
  const subjectRef = { mediaType: OCI_MANIFEST, digest: subject.digest, size: subject.size };
  await repo.pushManifest(emptyArtifact({ role: 'sig' }, { artifactType: SIG, subject: subjectRef }));
  await repo.pushManifest(emptyArtifact({ role: 'sbom' }, { artifactType: SBOM, subject: subjectRef }));
  await repo.pushManifest(emptyArtifact({ role: 'sig-2' }, { artifactType: SIG, subject: subjectRef }));
  written = await tagIndex();
});
afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
});
beforeEach(() => {
  proxy.clearFaults();
  proxy.clearRecord();
});

/** The referrers index in the registry, read straight from it (not through the proxy). */
async function tagIndex(): Promise<Descriptor[]> {
  const res = await fetch(`${registry.url}/v2/${repository}/manifests/${referrersTag(subject.digest)}`, { headers: { accept: OCI_INDEX } });
  return ((await res.json()) as ImageIndex).manifests;
}

/** A referrers API answer synthesised from the real index: one descriptor per page, Link to the next. */
function referrersApi(options: { honourFilter: boolean; nextOrigin?: string }) {
  return async (r: ProxiedResponse): Promise<ProxiedResponse> => {
    const url = new URL(r.request.path, proxy.url);
    const artifactType = url.searchParams.get('artifactType');
    const page = Number(url.searchParams.get('page') ?? '0');
    let manifests = await tagIndex();
    if (options.honourFilter && artifactType) manifests = manifests.filter((d) => d.artifactType === artifactType);
    const headers: Record<string, string> = { 'content-type': OCI_INDEX };
    if (options.honourFilter && artifactType) headers['oci-filters-applied'] = 'artifactType';
    if (page + 1 < manifests.length) {
      const next = new URL(url.pathname, options.nextOrigin ?? proxy.url);
      next.searchParams.set('page', String(page + 1));
      if (artifactType) next.searchParams.set('artifactType', artifactType);
      headers.link = `<${options.nextOrigin ? next.href : `${next.pathname}${next.search}`}>; rel="next"`;
    }
    const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: manifests.slice(page, page + 1) }));
    return { ...r, status: 200, headers, body };
  };
}

const viaProxy = (): Registry => createRegistry({ baseUrl: proxy.url, retry: { maxAttempts: 1 } });
const apiCalls = () => proxy.requests.filter((r) => referrersPath.test(r.path));
const tagSchemaReads = () => proxy.requests.filter((r) => r.path.includes(`/manifests/${referrersTag(subject.digest)}`));

describe('a registry with a working referrers API (the proxy synthesises it from real manifests)', () => {
  it('lists every referrer across Link pages and never reads the tag schema', async () => {
    proxy.fault({ method: 'GET', path: referrersPath, times: Infinity, fault: { kind: 'rewrite', transform: referrersApi({ honourFilter: true }) } });
    const reg = viaProxy();
    const found = await reg.repository(repository).referrers(subject.digest);
    expect(written).toHaveLength(3);
    expect(found).toEqual(written);
    expect(apiCalls().map((r) => new URL(r.path, proxy.url).searchParams.get('page'))).toEqual([null, '1', '2']);
    expect(tagSchemaReads()).toEqual([]);
    expect(await reg.capabilities.referrersApi(repository)).toBe(true);
  });

  it('passes artifactType to the registry and trusts its OCI-Filters-Applied answer', async () => {
    proxy.fault({ method: 'GET', path: referrersPath, times: Infinity, fault: { kind: 'rewrite', transform: referrersApi({ honourFilter: true }) } });
    const found = await viaProxy().repository(repository).referrers(subject.digest, { artifactType: SIG });
    expect(found.map((d) => d.artifactType)).toEqual([SIG, SIG]);
    expect(found.map((d) => d.digest)).toEqual(written.filter((d) => d.artifactType === SIG).map((d) => d.digest));
    expect(apiCalls().every((r) => new URL(r.path, proxy.url).searchParams.get('artifactType') === SIG)).toBe(true);
  });

  it('filters by artifactType itself when the registry ignores the filter', async () => {
    proxy.fault({ method: 'GET', path: referrersPath, times: Infinity, fault: { kind: 'rewrite', transform: referrersApi({ honourFilter: false }) } });
    const found = await viaProxy().repository(repository).referrers(subject.digest, { artifactType: SBOM });
    expect(found.map((d) => d.artifactType)).toEqual([SBOM]);
    expect(apiCalls()).toHaveLength(3);
  });

  it('does not update the tag schema when pushing a referrer to a registry that has the API', async () => {
    proxy.fault({ method: 'GET', path: referrersPath, times: Infinity, fault: { kind: 'rewrite', transform: referrersApi({ honourFilter: true }) } });
    const subjectRef = { mediaType: OCI_MANIFEST, digest: subject.digest, size: subject.size };
    await viaProxy().repository(repository).pushManifest(emptyArtifact({ role: 'attestation' }, { artifactType: 'application/vnd.in-toto+json', subject: subjectRef }));
    expect(proxy.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([expect.stringMatching(/^\/v2\/refs\/app\/manifests\/sha256:/)]);
    expect(await tagIndex()).toEqual(written);
  });

  it('refuses a next referrers page on another server without asking it', async () => {
    const elsewhere = await startFaultProxy({ upstream: registry.url });
    try {
      proxy.fault({ method: 'GET', path: referrersPath, times: Infinity, fault: { kind: 'rewrite', transform: referrersApi({ honourFilter: true, nextOrigin: elsewhere.url }) } });
      await expect(viaProxy().repository(repository).referrers(subject.digest)).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/another server/) });
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });
});

describe('a registry that answers the referrers API with a false 200', () => {
  it('treats an HTML 200 as no API, reads the tag schema, and does not ask again', async () => {
    proxy.fault({ method: 'GET', path: referrersPath, times: Infinity, fault: { kind: 'rewrite', transform: (r) => ({ ...r, status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from('<html>Welcome</html>') }) } });
    const reg = viaProxy();
    const repo = reg.repository(repository);
    expect(await repo.referrers(subject.digest)).toEqual(await tagIndex());
    expect(await reg.capabilities.referrersApi(repository)).toBe(false);
    expect(await repo.referrers(subject.digest, { artifactType: SBOM })).toEqual((await tagIndex()).filter((d) => d.artifactType === SBOM));
    expect(apiCalls()).toHaveLength(1);
    expect(tagSchemaReads()).toHaveLength(2);
  });

  it('treats an image manifest served as an index as no API', async () => {
    proxy.fault({
      method: 'GET',
      path: referrersPath,
      fault: { kind: 'rewrite', transform: (r) => ({ ...r, status: 200, headers: { 'content-type': OCI_INDEX }, body: Buffer.from(JSON.stringify(emptyArtifact())) }) },
    });
    expect(await viaProxy().repository(repository).referrers(subject.digest)).toEqual(await tagIndex());
    expect(apiCalls()).toHaveLength(1);
    expect(tagSchemaReads()).toHaveLength(1);
  });
});
