import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogService, type CatalogService } from '../../../electron/catalog/catalog-service';
import type { ArtifactRepository } from '../../../electron/oci';
import { LOCAL_REGISTRY_ID, localRegistry } from '../../../electron/registries/local-registry';
import { openRegistriesStore } from '../../../electron/registries/registries-store';
import { openLocalStore } from '../../../electron/store';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { RecordingSink, waitFor } from '../catalog/helpers';

const ctx = { signal: new AbortController().signal };
let registry: TestRegistry;
let dataDir: string;
let catalog: CatalogService;
const sink = new RecordingSink();

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  dataDir = await makeTempDir('manage');
  const store = await openRegistriesStore(dataDir, undefined, { builtIn: [localRegistry(dataDir)] });
  const base = { insecure: false, accounts: [], pinnedRepositories: [], useDockerCredentials: false };
  await store.add({ ...base, id: 'remote', name: 'Distribution', url: registry.url, host: registry.host, kind: 'local' });
  await store.add({ ...base, id: 'hub', name: 'Docker Hub', url: 'https://registry-1.docker.io', host: 'registry-1.docker.io', kind: 'dockerhub' });
  catalog = createCatalogService({ registries: store, credentialFor: async () => undefined, dataDir, events: sink });
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  if (dataDir) await removeTempDir(dataDir);
});

async function image(repo: ArtifactRepository, tag: string, seed: string) {
  const layer = await repo.blobs().push({ data: Buffer.from(`layer ${seed}`) });
  const config = await repo.blobs().push({ data: Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [layer.digest] } })) });
  const configDescriptor = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size };
  const manifest = await repo.pushManifest({ schemaVersion: 2, config: configDescriptor, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer.digest, size: layer.size }] }, tag);
  return { manifest, config: configDescriptor };
}

describe.each([
  ['Local', LOCAL_REGISTRY_ID],
  ['Distribution', 'remote'],
])('retag and delete on %s, through the same catalog code', (_name, registryId) => {
  const repository = 'manage/app';
  let a: Awaited<ReturnType<typeof image>>;
  let b: Awaited<ReturnType<typeof image>>;
  let sbom: string;

  it('adds tags and moves one, keeping digests; the catalog shows the moved tag on its new digest', async () => {
    const repo = await catalog.repositoryFor(registryId, repository);
    a = await image(repo, 'v1', 'a');
    b = await image(repo, 'v2', 'b');
    sbom = (await repo.pushManifest({ schemaVersion: 2, artifactType: 'application/spdx+json', config: a.config, layers: [], subject: a.manifest })).digest;

    expect(await catalog.retag(registryId, repository, 'v1', ['stable', 'latest'])).toEqual({ digest: a.manifest.digest, tags: ['stable', 'latest'] });
    sink.rows.length = 0;
    await catalog.handlers['catalog.classify']({ registryId, repository, tags: ['latest'] }, ctx);
    expect((await waitFor(() => sink.rows.find((r) => r.registryId === registryId && r.repository === repository && r.tag === 'latest'), 'latest on a')).digest).toBe(a.manifest.digest);
    expect(await catalog.retag(registryId, repository, b.manifest.digest, ['latest'])).toEqual({ digest: b.manifest.digest, tags: ['latest'] });
    expect((await repo.resolve('latest')).digest).toBe(b.manifest.digest);
    expect((await repo.resolve('stable')).digest).toBe(a.manifest.digest);

    sink.rows.length = 0;
    await catalog.handlers['catalog.classify']({ registryId, repository, tags: ['latest', 'stable'] }, ctx);
    const latest = await waitFor(() => sink.rows.find((r) => r.registryId === registryId && r.repository === repository && r.tag === 'latest'), 'latest row');
    expect(latest.digest).toBe(b.manifest.digest);
    await expect(catalog.retag(registryId, repository, 'v1', ['bad tag'])).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('plans a delete naming every tag on the digest and its referrers, then deletes referrers first and the digest with its tags', async () => {
    const plan = await catalog.planDelete(registryId, repository, a.manifest.digest, true);
    expect(plan.tags.sort()).toEqual(['stable', 'v1']);
    expect(plan.referrers.map((r) => r.digest)).toContain(sbom);

    await catalog.deleteArtifact(registryId, repository, a.manifest.digest, true);
    const repo = await catalog.repositoryFor(registryId, repository);
    expect(await repo.manifests().exists(a.manifest.digest)).toBe(false);
    expect(await repo.manifests().exists(sbom)).toBe(false);
    const tags = await repo.allTags();
    expect(tags).toEqual(['latest', 'v2']);
    const listing = await catalog.handlers['catalog.tags']({ registryId, repository }, ctx);
    expect(listing.tags.sort()).toEqual(['latest', 'v2']);
    expect(listing.referrerTags).toEqual({});
  });
});

describe('where deletes are not possible', () => {
  it("Docker Hub: refused before any request, with a link to its web page", async () => {
    await expect(catalog.planDelete('hub', 'alice/app', `sha256:${'a'.repeat(64)}`, false)).rejects.toMatchObject({
      code: 'denied',
      message: expect.stringContaining("Docker Hub's registry API has no delete. Delete it on Docker Hub's web page instead: https://hub.docker.com/repository/docker/alice/app/tags"),
    });
  });

  it('Local: a delete leaves a layout skopeo and Stevedore still open, with nothing referenced missing', async () => {
    const repo = openLocalStore(dataDir).repository('manage/app');
    expect((await repo.check()).missing).toEqual([]);
  });
});
