import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogService, type CatalogService } from '../../../electron/catalog/catalog-service';
import { createRegistriesService } from '../../../electron/registries/registries-service';
import { createRegistryViews } from '../../../electron/registries/registry-views';
import { LOCAL_REGISTRY_ID, localRegistry } from '../../../electron/registries/local-registry';
import { openRegistriesStore, type RegistriesStore } from '../../../electron/registries/registries-store';
import { LayoutRepository, openLocalStore } from '../../../electron/store';
import type { SeededArtifact } from '../../support/seed/types';
import { seedRegistry, type SeededCatalog } from '../../support/seed';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { RecordingSink, waitFor } from '../catalog/helpers';
import { pushImage } from './helpers';

let registry: TestRegistry;
let seeded: SeededCatalog;
let dataDir: string;
let store: RegistriesStore;
let sink: RecordingSink;
let catalog: CatalogService;
let copied: SeededArtifact[];
const ctx = { signal: new AbortController().signal };

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  seeded = await seedRegistry(registry);
  dataDir = await makeTempDir('local-catalog');
  store = await openRegistriesStore(dataDir, undefined, { builtIn: [localRegistry(dataDir)] });
  sink = new RecordingSink();
  catalog = createCatalogService({ registries: store, credentialFor: async () => undefined, dataDir, events: sink });
  // skopeo pulls every tagged artifact of the seeded registry into Local repository folders.
  copied = seeded.artifacts.filter((a) => a.tag !== undefined && !a.tag.startsWith('sha256-'));
  const local = openLocalStore(dataDir);
  for (const a of copied) {
    const dir = local.repository(a.repository).dir;
    await mkdir(dirname(dir), { recursive: true });
    await runCommand('skopeo', ['copy', '--all', '--preserve-digests', '--quiet', '--src-tls-verify=false', `docker://${registry.host}/${a.repository}:${a.tag}`, `oci:${dir}:${a.tag}`]);
  }
}, 180_000);

afterAll(async () => {
  await registry?.stop();
  if (dataDir) await removeTempDir(dataDir);
});

describe('the Local registry through the catalog, the same code as a remote one', () => {
  it('is listed first, connected, with no login, and cannot be added, edited or removed', async () => {
    const views = createRegistryViews({ registries: store, credentials: { listAccounts: async () => [] } as never }, { emit: () => undefined });
    const handlers = createRegistriesService({ backend: { registries: store, credentials: { listAccounts: async () => [] } as never }, views }, async () => ({ state: 'connected' }));
    const [first] = await handlers['registries.list']({}, ctx);
    expect(first).toMatchObject({ id: LOCAL_REGISTRY_ID, name: 'Local', kind: 'local-store', status: { state: 'connected' }, accounts: [] });
    expect((await handlers['registries.presets']({}, ctx)).map((p) => p.kind)).not.toContain('local-store');
    await expect(handlers['registries.add']({ url: 'somewhere.example.com', kind: 'local-store' }, ctx)).rejects.toThrow(/built in/);
    await expect(store.remove(LOCAL_REGISTRY_ID)).rejects.toThrow(/built into Stevedore/);
    await expect(store.update(LOCAL_REGISTRY_ID, (r) => r)).rejects.toThrow(/built into Stevedore/);
  });

  it('lists the repositories skopeo wrote and classifies every tag as the seeded kind', async () => {
    // Every kind the catalog knows, as each tool writes it, went through skopeo into Local.
    expect(new Set(copied.map((a) => a.kind)).size, copied.map((a) => a.kind).join(' ')).toBeGreaterThanOrEqual(10);
    const listing = await catalog.handlers['catalog.repositories']({ registryId: LOCAL_REGISTRY_ID }, ctx);
    expect(listing.problem).toBeUndefined();
    expect(listing.repositories.map((r) => r.name)).toEqual([...new Set(copied.map((a) => a.repository))].sort());
    for (const a of copied) {
      const tags = await catalog.handlers['catalog.tags']({ registryId: LOCAL_REGISTRY_ID, repository: a.repository }, ctx);
      expect([...tags.tags, ...Object.values(tags.referrerTags).flat()]).toContain(a.tag);
    }
    const byRepo = new Map<string, SeededArtifact[]>();
    for (const a of copied) byRepo.set(a.repository, [...(byRepo.get(a.repository) ?? []), a]);
    for (const [repository, artifacts] of byRepo) {
      const tags = artifacts.map((a) => a.tag!).filter((t) => !/\.(sig|att|sbom)$/.test(t));
      if (tags.length === 0) continue;
      await catalog.handlers['catalog.classify']({ registryId: LOCAL_REGISTRY_ID, repository, tags }, ctx);
      for (const a of artifacts.filter((x) => tags.includes(x.tag!))) {
        const row = await waitFor(() => sink.rows.find((r) => r.repository === repository && r.tag === a.tag), `row ${repository}:${a.tag}`);
        const expected = a.kind === 'image' && a.mediaType.includes('index') ? 'image-index' : a.kind;
        expect({ tag: a.tag, kind: row.kind, digest: row.digest, problem: row.problem }).toEqual({ tag: a.tag, kind: expected, digest: a.digest, problem: undefined });
      }
    }
    // Local's manifests are files on this disk already: the catalog keeps no second copy of them.
    const cachedManifests = await readdir(join(dataDir, 'cache', 'manifests', 'sha256')).catch(() => []);
    expect(cachedManifests).toEqual([]);
  });

  it('shows details (config and chart files read through the layout blobs) with the same digest', async () => {
    const chart = seeded.get('helm-chart');
    const details = await catalog.handlers['catalog.details']({ registryId: LOCAL_REGISTRY_ID, repository: chart.repository, reference: chart.tag! }, ctx);
    expect(details.row).toMatchObject({ kind: 'helm-chart', digest: chart.digest });
    expect(details.helm).toBeDefined();
    const image = seeded.get('image-oci');
    const imageDetails = await catalog.handlers['catalog.details']({ registryId: LOCAL_REGISTRY_ID, repository: image.repository, reference: image.tag! }, ctx);
    expect(imageDetails.image?.config).toMatchObject({ entrypoint: image.facts.entrypoint });
  });

  it('publishing through repositoryFor lands in the layout, and referrers found through subject are counted', async () => {
    const repo = await catalog.repositoryFor(LOCAL_REGISTRY_ID, 'published/here');
    expect(repo).toBeInstanceOf(LayoutRepository);
    const { manifest, config } = await pushImage(repo as LayoutRepository, 'v1');
    await repo.pushManifest({ schemaVersion: 2, artifactType: 'application/spdx+json', config, layers: [], subject: manifest });
    await catalog.noteChanged(LOCAL_REGISTRY_ID, 'published/here');
    const listing = await catalog.handlers['catalog.repositories']({ registryId: LOCAL_REGISTRY_ID }, ctx);
    expect(listing.repositories.map((r) => r.name)).toContain('published/here');
    await catalog.handlers['catalog.classify']({ registryId: LOCAL_REGISTRY_ID, repository: 'published/here', tags: ['v1'] }, ctx);
    const row = await waitFor(() => sink.rows.find((r) => r.repository === 'published/here' && r.tag === 'v1'), 'published row');
    expect(row).toMatchObject({ kind: 'image', digest: manifest.digest, referrerCount: 1 });
    const { stdout } = await runCommand('skopeo', ['inspect', '--raw', `oci:${(repo as LayoutRepository).dir}:v1`]);
    expect(JSON.parse(stdout)).toMatchObject({ config: { digest: config.digest } });
  });

  it('a damaged repository shows its problem in the summary instead of failing the listing', async () => {
    const repo = openLocalStore(dataDir).repository('broken/one');
    await pushImage(repo, 'v1');
    await writeFile(`${repo.dir}/index.json`, 'not json');
    const listing = await catalog.handlers['catalog.repositories']({ registryId: LOCAL_REGISTRY_ID, refresh: true }, ctx);
    expect(listing.repositories.map((r) => r.name)).toContain('broken/one');
    await catalog.handlers['catalog.summarise']({ registryId: LOCAL_REGISTRY_ID, repositories: ['broken/one'], refresh: true }, ctx);
    const summary = await waitFor(() => sink.summaries.find((s) => s.repository === 'broken/one'), 'summary');
    expect(summary.problem).toMatch(/The Local repository "broken\/one" is damaged: index\.json is not valid JSON/);
  });
});
