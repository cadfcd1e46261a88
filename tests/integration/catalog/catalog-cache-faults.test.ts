import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogLister } from '../../../electron/catalog/listing/catalog-lister';
import { listRepositories } from '../../../electron/catalog/listing/list-repositories';
import { createRegistry } from '../../../electron/oci';
import type { SavedRegistry } from '../../../electron/registries/saved-registry';
import type { ArtifactRow } from '../../../shared/contract';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { freePort } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { seedRegistry, type SeededCatalog } from '../../support/seed';
import { catalogFixture, waitFor, type CatalogFixture } from './helpers';

let registry: TestRegistry;
let seeded: SeededCatalog;
let proxy: FaultProxy;
let dataDir: string;

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  seeded = await seedRegistry(registry);
  proxy = await startFaultProxy({ upstream: registry.url });
  dataDir = await mkdtemp(join(tmpdir(), 'catalog-cache-'));
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const saved = (url: string, host: string, pinned: string[] = []): SavedRegistry => ({
  id: 'r',
  name: 'r',
  url,
  host,
  kind: 'local',
  insecure: false,
  accounts: [],
  pinnedRepositories: pinned,
  useDockerCredentials: false,
});

async function classifyOnce(fx: CatalogFixture, repository: string, tags: string[]): Promise<ArtifactRow[]> {
  const before = fx.sink.rows.length;
  await fx.service.handlers['catalog.classify']({ registryId: 'proxied', repository, tags }, fx.ctx);
  return waitFor(() => {
    const fresh = fx.sink.rows.slice(before).filter((r) => r.repository === repository);
    return fresh.length === tags.length ? fresh : undefined;
  }, `rows of ${repository}`);
}

/** Manifest GETs by digest (the referrers-API probe's tag-schema GET is a tag, once per registry). */
const manifestGets = () => proxy.requests.filter((r) => r.method === 'GET' && /\/manifests\/sha256:/.test(r.path));
const probes = () => proxy.requests.filter((r) => r.method === 'GET' && /\/manifests\/sha256-/.test(r.path));

describe('catalog cache and faults, through a recording proxy in front of the real registry', () => {
  it('a second classification, by a new service on the same data folder, makes no manifest request at all', async () => {
    const first = await catalogFixture({ id: 'proxied', url: proxy.url, host: proxy.host }, { dataDir });
    proxy.clearRecord();
    const cold = await classifyOnce(first, 'apps/web', ['2.0']);
    expect(cold[0]?.kind).toBe('image-index');
    expect(manifestGets().length).toBeGreaterThan(0);
    const fetchedDigests = manifestGets().map((r) => r.path.split('/manifests/')[1]);
    expect(new Set(fetchedDigests).size).toBe(fetchedDigests.length); // never the same digest twice
    expect(proxy.requests.filter((r) => r.method === 'HEAD')).toEqual([]); // the tag was GET directly
    await first.service.flush();
    await first.close();

    const second = await catalogFixture({ id: 'proxied', url: proxy.url, host: proxy.host }, { dataDir });
    proxy.clearRecord();
    const warm = await classifyOnce(second, 'apps/web', ['2.0']);
    expect(warm).toEqual(cold);
    expect(manifestGets()).toEqual([]);
    expect(probes().length).toBeLessThanOrEqual(1);
    // tag → digest comes from the last run's snapshot: no HEAD until an explicit refresh
    expect(proxy.requests.filter((r) => /\/manifests\//.test(r.path) && !/\/manifests\/sha256-/.test(r.path))).toEqual([]);
    await second.close();
  });

  it('concurrent classification of the same tags shares one GET per tag, and no HEAD', async () => {
    const fx = await catalogFixture({ id: 'proxied', url: proxy.url, host: proxy.host });
    proxy.clearRecord();
    const tags = seeded.tags['charts/demo']!;
    await fx.service.handlers['catalog.classify']({ registryId: 'proxied', repository: 'charts/demo', tags }, fx.ctx);
    await fx.service.handlers['catalog.classify']({ registryId: 'proxied', repository: 'charts/demo', tags }, fx.ctx);
    await waitFor(() => (fx.sink.rows.length === tags.length * 2 ? true : undefined), 'both classifications');
    expect(fx.sink.rows.every((r) => r.kind === 'helm-chart')).toBe(true);
    const byTag = proxy.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/charts/demo/manifests/') && !/\/manifests\/sha256-/.test(r.path)).map((r) => r.path.split('/manifests/')[1]);
    expect(probes().length).toBeLessThanOrEqual(1);
    expect(byTag.sort()).toEqual([...tags].sort());
    expect(manifestGets()).toEqual([]); // each chart's manifest came with its tag's GET
    expect(proxy.requests.filter((r) => r.method === 'HEAD')).toEqual([]);
    await fx.close();
  });

  it('a manifest that does not match its digest becomes an "unreadable" row; the other rows are unharmed', async () => {
    const fx = await catalogFixture({ id: 'proxied', url: proxy.url, host: proxy.host });
    const broken = seeded.get('kyverno-policy');
    proxy.fault({
      method: 'GET',
      path: new RegExp(`/v2/${broken.repository}/manifests/`),
      times: Infinity,
      fault: { kind: 'rewrite', transform: (res) => ({ ...res, body: Buffer.from('{"schemaVersion":2,"layers":"not a list"}') }) },
    });
    try {
      const [row] = await classifyOnce(fx, broken.repository, [broken.tag!]);
      expect(row).toMatchObject({ kind: 'unreadable', tag: broken.tag });
      expect(row?.problem).toMatch(/digest|malformed/);
      const [fine] = await classifyOnce(fx, 'policies/opa', ['1.0']);
      expect(fine?.kind).toBe('opa');
    } finally {
      proxy.clearFaults();
      await fx.close();
    }
  });

  it('follows _catalog Link pagination page by page', async () => {
    proxy.clearRecord();
    const client = createRegistry({ baseUrl: proxy.url });
    const listing = await listRepositories(saved(proxy.url, proxy.host), new CatalogLister(client, 4));
    expect(listing.repositories.map((r) => r.name)).toEqual(Object.keys(seeded.tags).sort());
    const pages = proxy.requests.filter((r) => r.path.startsWith('/v2/_catalog'));
    expect(pages.length).toBe(Math.ceil(Object.keys(seeded.tags).length / 4) + (Object.keys(seeded.tags).length % 4 === 0 ? 1 : 0));
  });

  it('a registry that is down gives a listing with a problem, pinned names kept, no exception', async () => {
    const port = await freePort();
    const fx = await catalogFixture({ id: 'down', url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` });
    await fx.store.update('down', (r) => ({ ...r, pinnedRepositories: ['team/app'] }));
    const listing = await fx.service.handlers['catalog.repositories']({ registryId: 'down' }, fx.ctx);
    expect(listing.problem).toMatch(/could not be reached/);
    expect(listing.repositories).toEqual([{ registryId: 'down', name: 'team/app', pinned: true }]);
    await fx.close();
  });
});

describe('a registry that refuses _catalog', () => {
  let locked: TestRegistry;
  beforeAll(async () => {
    locked = await startRegistry({ auth: 'htpasswd' });
  });
  afterAll(async () => locked?.stop());

  it('returns the pinned repositories with advice to add repositories by name', async () => {
    const client = createRegistry({ baseUrl: locked.url });
    const listing = await listRepositories(saved(locked.url, locked.host, ['mine/app']), new CatalogLister(client));
    expect(listing).toEqual({
      registryId: 'r',
      source: 'pinned',
      repositories: [{ registryId: 'r', name: 'mine/app', pinned: true }],
      problem: 'this registry does not list repositories to you: add them by name with Add repository…',
    });
  });
});
