import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSink, TransferView } from '../../../shared/contract';
import { createTransferScheduler } from '../../../electron/catalog/catalog-scheduler';
import { createDownloadService } from '../../../electron/download/download-service';
import { LOCAL_REGISTRY_ID, localRegistry } from '../../../electron/registries/local-registry';
import { createTransferService } from '../../../electron/transfers/transfer-service';
import { openLocalStore } from '../../../electron/store';
import { makeTempDir, removeTempDir } from '../../support/processes';

const TITLE = 'org.opencontainers.image.title';
const ctx = {} as never;
let dir: string;
let service: ReturnType<typeof createDownloadService>;
let transfers: ReturnType<typeof createTransferService>;

beforeAll(async () => {
  dir = await makeTempDir('local-download');
  const dataDir = join(dir, 'data');
  const store = openLocalStore(dataDir);
  const events: EventSink = { emit: () => undefined };
  const scheduler = createTransferScheduler();
  transfers = createTransferService({ events, scheduler, changeIntervalMs: 20 });
  const local = localRegistry(dataDir);
  service = createDownloadService({
    registries: { get: (id: string) => (id === LOCAL_REGISTRY_ID ? local : undefined) },
    repositoryFor: async (_id, repository) => store.repository(repository),
    queue: transfers.queue,
    integration: {},
    dataDir,
    events,
    scheduler,
  });
  const repo = store.repository('files/bundle');
  const alpha = await repo.blobs().push({ data: Buffer.from('alpha file\n') });
  const beta = await repo.blobs().push({ data: Buffer.from('beta file\n'.repeat(500)) });
  const empty = await repo.blobs().push({ data: Buffer.from('{}') });
  await repo.pushManifest(
    {
      schemaVersion: 2,
      artifactType: 'application/vnd.stevedore.test.files',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: empty.digest, size: empty.size },
      layers: [
        { mediaType: 'text/plain', digest: alpha.digest, size: alpha.size, annotations: { [TITLE]: 'alpha.txt' } },
        { mediaType: 'text/plain', digest: beta.digest, size: beta.size, annotations: { [TITLE]: 'beta.txt' } },
      ],
    },
    'v1',
  );
});

afterAll(async () => {
  if (dir) await removeTempDir(dir);
});

describe('downloading from Local, through the real download service', () => {
  it('writes each titled file, read and verified from the layout', async () => {
    const choices = await service.handlers['downloads.choices']({ registryId: LOCAL_REGISTRY_ID, repository: 'files/bundle', reference: 'v1' }, ctx);
    expect(choices.files.map((f) => f.name)).toEqual(['alpha.txt', 'beta.txt']);
    const folder = join(dir, 'out');
    await mkdir(folder);
    const { transferId } = await service.handlers['downloads.start']({ registryId: LOCAL_REGISTRY_ID, repository: 'files/bundle', reference: 'v1', mode: 'files', folder }, ctx);
    await transfers.queue.settled(transferId);
    const view = (await transfers.handlers['transfers.list']({}, ctx)).find((t: TransferView) => t.id === transferId);
    expect(view?.error).toBeUndefined();
    expect(view?.state).toBe('done');
    expect(await readFile(join(folder, 'alpha.txt'), 'utf8')).toBe('alpha file\n');
    expect(await readFile(join(folder, 'beta.txt'), 'utf8')).toBe('beta file\n'.repeat(500));
  });
});
