import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCatalogService } from '../../../electron/catalog/catalog-service';
import { createExportService } from '../../../electron/export/export-service';
import { localRegistry } from '../../../electron/registries/local-registry';
import { openRegistriesStore } from '../../../electron/registries/registries-store';
import { createTransferService } from '../../../electron/transfers/transfer-service';
import { cosignSignatureTag } from '../../support/seed/cosign';
import { seedIndexWithReferrers, type SeededSource } from '../copy/seed-copy';
import { ctx, exportAndWait, REMOTE, skopeoRaw, useExportEnv } from './export-env';

const env = useExportEnv('export-opened');
let seeded: SeededSource;
const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

beforeAll(async () => {
  seeded = await seedIndexWithReferrers(env.registry.host, 'team/app', 'v1');
}, 60_000);

describe('export from an opened archive (the read-only registry Open OCI layout or archive… adds)', () => {
  it('a repository exported to a tarball, opened, lists the same tags and digests and exports again with every digest kept', async () => {
    const file = join(env.out, 'app.tar');
    const first = await exportAndWait(env, { source: { registryId: REMOTE, repository: 'team/app' }, target: { format: 'archive', path: file }, referrers: true });
    expect(first.state).toBe('done');

    // The archive saved as an opened registry, as imports.open saves it; the catalog's pool opens it read-only.
    const dataDir = join(env.out, 'second-data');
    const store = await openRegistriesStore(dataDir, undefined, { builtIn: [localRegistry(dataDir)] });
    await store.add({ id: 'opened', name: 'app.tar', url: pathToFileURL(file).href, host: file, kind: 'oci-archive', insecure: false, accounts: [], pinnedRepositories: [], useDockerCredentials: false });
    const events = { emit: () => undefined };
    const catalog = createCatalogService({ registries: store, credentialFor: async () => undefined, dataDir, events });
    const transfers = createTransferService({ events, scheduler: catalog.scheduler, changeIntervalMs: 10 });
    const exports = createExportService({ registries: store, repositoryFor: catalog.repositoryFor, queue: transfers.queue, scheduler: catalog.scheduler, integration: {}, dataDir });
    try {
      const listing = await catalog.handlers['catalog.repositories']({ registryId: 'opened' }, ctx);
      expect(listing.repositories.map((r) => r.name)).toEqual(['app']);
      const opened = await catalog.repositoryFor('opened', 'app');
      const remote = await env.catalog.repositoryFor(REMOTE, 'team/app');
      const remoteTags = await remote.allTags();
      expect(await opened.allTags()).toEqual(remoteTags);
      for (const tag of remoteTags) expect((await opened.resolve(tag)).digest, tag).toBe((await remote.resolve(tag)).digest);

      const dir = join(env.out, 'again');
      const { transferId } = await exports.handlers['exports.start']({ source: { registryId: 'opened', repository: 'app', reference: 'v1' }, target: { format: 'folder', path: dir }, referrers: true }, ctx);
      await transfers.queue.settled(transferId);
      const again = (await transfers.handlers['transfers.list']({}, ctx)).find((t) => t.id === transferId);
      expect(again?.error).toBeUndefined();
      expect(again?.state).toBe('done');
      expect(sha256(await skopeoRaw(`oci:${dir}:v1`))).toBe(seeded.index.index.digest);
      expect(sha256(await skopeoRaw(`oci:${dir}:${cosignSignatureTag(seeded.index.index.digest)}`))).toBe(seeded.cosign.manifest.digest);
    } finally {
      await catalog.flush().catch(() => undefined);
    }
  });
});
