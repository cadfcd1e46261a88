import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../../electron/oci';
import type { RepositorySummary } from '../../../shared/contract';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { seedManyRepositories, type SeededMany } from '../../support/seed';
import { catalogFixture, waitFor, type CatalogFixture } from './helpers';

let registry: TestRegistry;
let seeded: SeededMany;
let proxy: FaultProxy;
let dataDir: string;
const ID = 'proxied';

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  seeded = await seedManyRepositories(registry, { repositories: 12, tagsPerRepository: 2, prefix: 'warm' });
  proxy = await startFaultProxy({ upstream: registry.url });
  dataDir = await mkdtemp(join(tmpdir(), 'catalog-warm-'));
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Opens the catalog as the UI does: list, then summarise every repository; returns the summaries by name. */
async function open(fx: CatalogFixture, refresh?: boolean): Promise<Map<string, RepositorySummary>> {
  const flag = refresh ? { refresh } : {};
  const listing = await fx.service.handlers['catalog.repositories']({ registryId: ID, ...flag }, fx.ctx);
  expect(listing.problem).toBeUndefined();
  const names = listing.repositories.map((r) => r.name);
  const before = fx.sink.summaries.length;
  await fx.service.handlers['catalog.summarise']({ registryId: ID, repositories: names, ...flag }, fx.ctx);
  return waitFor(() => {
    const fresh = new Map(fx.sink.summaries.slice(before).map((s) => [s.repository, s]));
    return fresh.size === names.length ? fresh : undefined;
  }, 'every summary');
}

const count = (test: (r: { method: string; path: string }) => boolean) => proxy.requests.filter(test).length;
const manifestRequests = (method: string) => count((r) => r.method === method && /\/manifests\/(?!sha256-)/.test(r.path));

describe('warm open: the last listing is served from the data folder until an explicit refresh', () => {
  it('cold open GETs each tag once (no HEAD); a new service on the same folder makes no listing, tag or manifest request', async () => {
    const cold = await catalogFixture({ id: ID, url: proxy.url, host: proxy.host }, { dataDir });
    proxy.clearRecord();
    const first = await open(cold);
    expect(first.size).toBe(seeded.repositories.length);
    for (const repo of seeded.repositories) expect(first.get(repo.name)).toMatchObject({ tagCount: 2, kinds: { [repo.kind]: 2 } });
    expect(manifestRequests('HEAD')).toBe(0);
    expect(manifestRequests('GET')).toBe(seeded.manifestCount);
    // No flush: the last summary is announced only once the snapshot is on disk.
    await cold.close();
    expect((await readdir(join(dataDir, 'cache', 'catalog-v1'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const warm = await catalogFixture({ id: ID, url: proxy.url, host: proxy.host }, { dataDir });
    proxy.clearRecord();
    const second = await open(warm);
    expect(second).toEqual(first);
    const tags = await warm.service.handlers['catalog.tags']({ registryId: ID, repository: seeded.repositories[0]!.name }, warm.ctx);
    expect(tags.tags.sort()).toEqual([...seeded.repositories[0]!.tags].sort());
    expect(proxy.requests).toEqual([]);
    await warm.close();
  });

  it('refresh lists again, revalidates known tags with HEAD and GETs only what changed', async () => {
    const [target, donor] = seeded.repositories as [SeededMany['repositories'][number], SeededMany['repositories'][number]];
    // A new tag in one repository, pointing at the manifest its first tag already has.
    const client = createRegistry({ baseUrl: registry.url });
    const existing = await client.repository(target.name).manifests().fetch(target.tags[0]!);
    await client.repository(target.name).manifests().push(existing.bytes, existing.descriptor.mediaType, 'added');

    const fx = await catalogFixture({ id: ID, url: proxy.url, host: proxy.host }, { dataDir });
    proxy.clearRecord();
    const stale = await open(fx);
    expect(stale.get(target.name)?.tagCount).toBe(2); // no refresh: the snapshot, no request
    expect(proxy.requests).toEqual([]);

    const fresh = await open(fx, true);
    expect(fresh.get(target.name)).toMatchObject({ tagCount: 3, kinds: { [target.kind]: 3 } });
    expect(fresh.get(donor.name)).toEqual(stale.get(donor.name));
    expect(count((r) => r.path.startsWith('/v2/_catalog'))).toBeGreaterThan(0);
    expect(count((r) => /\/tags\/list/.test(r.path))).toBe(seeded.repositories.length);
    expect(manifestRequests('HEAD')).toBe(seeded.manifestCount); // every known tag, revalidated
    expect(manifestRequests('GET')).toBe(1); // only the new tag
    expect(count((r) => r.method === 'GET' && /\/manifests\/sha256:/.test(r.path))).toBe(0); // its digest's manifest was cached
    await fx.service.flush();
    await fx.close();

    const after = await catalogFixture({ id: ID, url: proxy.url, host: proxy.host }, { dataDir });
    proxy.clearRecord();
    expect((await open(after)).get(target.name)?.tagCount).toBe(3); // the refreshed listing is what the next open shows
    expect(proxy.requests).toEqual([]);
    await after.close();
  });

  it('a snapshot taken from another address is not used', async () => {
    const late = await seedManyRepositories(registry, { repositories: 1, tagsPerRepository: 1, prefix: 'late' });
    const fx = await catalogFixture({ id: ID, url: proxy.url, host: proxy.host }, { dataDir });
    // The saved registry now points at the registry itself rather than the proxy.
    await fx.store.update(ID, (r) => ({ ...r, url: registry.url, host: registry.host }));
    proxy.clearRecord();
    const listing = await fx.service.handlers['catalog.repositories']({ registryId: ID }, fx.ctx);
    expect(listing.repositories.map((r) => r.name)).toContain(late.repositories[0]!.name); // listed now, not from the snapshot
    expect(proxy.requests).toEqual([]);
    await fx.close();
  });
});
