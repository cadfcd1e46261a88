import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogService, type CatalogService } from '../../../electron/catalog/catalog-service';
import { LOCAL_REGISTRY_ID, localRegistry } from '../../../electron/registries/local-registry';
import { openRegistriesStore } from '../../../electron/registries/registries-store';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { RecordingSink } from './helpers';

const ctx = { signal: new AbortController().signal };
let registry: TestRegistry;
let dataDir: string;
let catalog: CatalogService;

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none', deletes: false });
  dataDir = await makeTempDir('delete-refused');
  const store = await openRegistriesStore(dataDir, undefined, { builtIn: [localRegistry(dataDir)] });
  const base = { insecure: false, accounts: [], pinnedRepositories: [], useDockerCredentials: false };
  await store.add({ ...base, id: 'no-deletes', name: 'Locked Distribution', url: registry.url, host: registry.host, kind: 'local' });
  catalog = createCatalogService({ registries: store, credentialFor: async () => undefined, dataDir, events: new RecordingSink() });
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  if (dataDir) await removeTempDir(dataDir);
});

describe('delete where the registry switched deletes off (the capability probe)', () => {
  const repository = 'locked/app';

  it('is refused before the confirmation, naming the registry and why; nothing is deleted and retag still works', async () => {
    const repo = await catalog.repositoryFor('no-deletes', repository);
    const layer = await repo.blobs().push({ data: Buffer.from('locked layer') });
    const config = await repo.blobs().push({ data: Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [layer.digest] } })) });
    const manifest = await repo.pushManifest(
      {
        schemaVersion: 2,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer.digest, size: layer.size }],
      },
      'v1',
    );

    const input = { registryId: 'no-deletes', repository, digest: manifest.digest, referrers: false };
    const planned = catalog.handlers['catalog.planDelete'](input, ctx);
    await expect(planned).rejects.toMatchObject({ code: 'denied' });
    await expect(planned).rejects.toThrow(/Locked Distribution refuses deletes in locked\/app/);
    await expect(catalog.handlers['catalog.delete'](input, ctx)).rejects.toMatchObject({ code: 'denied' });
    expect(await repo.manifests().exists(manifest.digest)).toBe(true);

    expect(await catalog.handlers['catalog.retag']({ registryId: 'no-deletes', repository, reference: 'v1', tags: ['1.0', 'stable'] }, ctx)).toEqual({ digest: manifest.digest, tags: ['1.0', 'stable'] });
    expect((await repo.allTags()).sort()).toEqual(['1.0', 'stable', 'v1']);
  });

  it('Local always offers delete: a plan for a digest it lacks is an ordinary not-found, not a refusal', async () => {
    const missing = `sha256:${'1'.repeat(64)}`;
    await expect(catalog.handlers['catalog.planDelete']({ registryId: LOCAL_REGISTRY_ID, repository: 'nothing/here', digest: missing, referrers: false }, ctx)).rejects.toMatchObject({ code: 'not-found' });
  });
});
