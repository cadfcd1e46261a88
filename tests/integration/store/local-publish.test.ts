import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, EventSink, PublishOptions } from '../../../shared/contract';
import type { TransferView } from '../../../shared/contract/transfers';
import { DropAllowList, takeDroppedPaths } from '../../../electron/app/dropped-paths';
import { createCatalogService, type CatalogService } from '../../../electron/catalog/catalog-service';
import { createPublishService, type PublishService } from '../../../electron/publish/publish-service';
import { LOCAL_REGISTRY_ID, localRegistry } from '../../../electron/registries/local-registry';
import { openRegistriesStore } from '../../../electron/registries/registries-store';
import { createTransferService, type TransferService } from '../../../electron/transfers/transfer-service';
import { openLocalStore } from '../../../electron/store';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';
import { RecordingSink, waitFor } from '../catalog/helpers';

const ctx = { signal: new AbortController().signal };
let dir: string;
let dataDir: string;
let catalog: CatalogService;
let transfers: TransferService;
let publish: PublishService;
const sink = new RecordingSink();
const changed: { registryId: string; repository: string }[] = [];
const allow = new DropAllowList();

const events: EventSink = {
  emit<E extends EventName>(name: E, payload: EventPayload<E>) {
    if (name === 'catalog.repositoryChanged') changed.push(payload as { registryId: string; repository: string });
    sink.emit(name, payload);
  },
};

beforeAll(async () => {
  dir = await makeTempDir('local-publish-files');
  dataDir = await makeTempDir('local-publish-data');
  const store = await openRegistriesStore(dataDir, undefined, { builtIn: [localRegistry(dataDir)] });
  catalog = createCatalogService({ registries: store, credentialFor: async () => undefined, dataDir, events });
  transfers = createTransferService({ events, scheduler: catalog.scheduler, changeIntervalMs: 10 });
  publish = createPublishService({
    registries: store,
    repositoryFor: catalog.repositoryFor,
    noteChanged: catalog.noteChanged,
    queue: transfers.queue,
    integration: { takeDropped: (paths) => takeDroppedPaths(allow, paths), notify: () => undefined },
    dataDir,
    scheduler: catalog.scheduler,
    env: {},
  });
  await writeFile(join(dir, 'a.txt'), 'alpha\n');
  await writeFile(join(dir, 'b.md'), '# beta\n');
  await mkdir(join(dir, 'charts/demo/templates'), { recursive: true });
  await writeFile(join(dir, 'charts/demo/Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 1.2.3\ndescription: A demo chart\n');
  await writeFile(join(dir, 'charts/demo/values.yaml'), 'replicas: 1\n');
  await writeFile(join(dir, 'charts/demo/templates/cm.yaml'), 'kind: ConfigMap\n');
});

afterAll(async () => {
  await publish?.close();
  await catalog?.flush().catch(() => undefined);
  if (dir) await removeTempDir(dir);
  if (dataDir) await removeTempDir(dataDir);
});

async function dropAndPublish(paths: string[], repository: string, tags: string[]): Promise<{ view: TransferView; digest: string; manifest: string; repository: string }> {
  allow.register(paths);
  const draft = await publish.handlers['publish.open']({ sources: paths.map((path) => ({ type: 'path', path })), target: { registryId: LOCAL_REGISTRY_ID } }, ctx);
  const options: PublishOptions = { draftId: draft.draftId, registryId: LOCAL_REGISTRY_ID, repository, tags, kind: draft.detected.kind, created: { mode: 'off' } };
  const preview = await publish.handlers['publish.preview'](options, ctx);
  expect(preview.problems).toEqual([]);
  const { transferId } = await publish.handlers['publish.start'](options, ctx);
  await transfers.queue.settled(transferId);
  const view = (await transfers.handlers['transfers.list']({}, ctx)).find((v) => v.id === transferId)!;
  return { view, digest: preview.digest, manifest: preview.manifest, repository: preview.repository };
}

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe('publishing by drop into Local, through the real publish service and transfer queue', () => {
  it('files land as previewed: skopeo reads the layout with the same digest, the catalog shows the repository at once', async () => {
    const { view, digest, manifest } = await dropAndPublish([join(dir, 'a.txt'), join(dir, 'b.md')], 'dropped/files', ['v1', 'latest']);
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
    const layout = openLocalStore(dataDir).repository('dropped/files').dir;
    for (const tag of ['v1', 'latest']) {
      const raw = (await runCommand('skopeo', ['inspect', '--raw', `oci:${layout}:${tag}`])).stdout;
      expect(sha256(raw)).toBe(digest);
      expect(raw).toBe(manifest);
    }
    expect(changed).toContainEqual({ registryId: LOCAL_REGISTRY_ID, repository: 'dropped/files' });
    const listing = await catalog.handlers['catalog.repositories']({ registryId: LOCAL_REGISTRY_ID }, ctx);
    expect(listing.repositories.map((r) => r.name)).toContain('dropped/files');
  });

  it('a Helm chart folder lands and the catalog classifies it as a chart', async () => {
    const { view, digest, repository } = await dropAndPublish([join(dir, 'charts/demo')], 'charts', ['1.2.3']);
    expect(view.state).toBe('done');
    await catalog.handlers['catalog.classify']({ registryId: LOCAL_REGISTRY_ID, repository, tags: ['1.2.3'] }, ctx);
    const row = await waitFor(() => sink.rows.find((r) => r.repository === repository && r.tag === '1.2.3'), 'chart row');
    expect(row, row.problem).toMatchObject({ kind: 'helm-chart', digest });
    const copy = join(dir, 'copied');
    await runCommand('skopeo', ['copy', '--quiet', '--preserve-digests', `oci:${openLocalStore(dataDir).repository(repository).dir}:1.2.3`, `oci:${copy}:c`]);
    const raw = (await runCommand('skopeo', ['inspect', '--raw', `oci:${copy}:c`])).stdout;
    expect(sha256(raw)).toBe(digest);
  });
});
