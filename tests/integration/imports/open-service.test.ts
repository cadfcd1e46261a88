import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryView } from '../../../shared/contract';
import { createCatalogService, type CatalogService } from '../../../electron/catalog/catalog-service';
import { createCopyService } from '../../../electron/copy/copy-service';
import { createDownloadService } from '../../../electron/download/download-service';
import { createImportsService } from '../../../electron/imports/imports-service';
import { checkRegistry } from '../../../electron/registries/check-registry';
import { localRegistry } from '../../../electron/registries/local-registry';
import { createRegistriesService } from '../../../electron/registries/registries-service';
import { openRegistriesStore, type RegistriesStore } from '../../../electron/registries/registries-store';
import { createRegistryViews, type RegistryViews } from '../../../electron/registries/registry-views';
import { createTransferService, type TransferService } from '../../../electron/transfers/transfer-service';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { RecordingSink, waitFor } from '../catalog/helpers';
import { ARTIFACT_TYPE, makeFixture, type Fixture } from './fixtures';

const ctx = { signal: new AbortController().signal };
const REMOTE = 'remote';
const noAccounts = { listAccounts: async () => [], removeRegistry: async () => undefined } as never;

let dir: string;
let dataDir: string;
let fixture: Fixture;
let remote: TestRegistry;
let store: RegistriesStore;
let views: RegistryViews;
let sink: RecordingSink;
let catalog: CatalogService;
let transfers: TransferService;
let imports: ReturnType<typeof createImportsService>;

async function services(): Promise<void> {
  store = await openRegistriesStore(dataDir, undefined, { builtIn: [localRegistry(dataDir)] });
  views = createRegistryViews({ registries: store, credentials: noAccounts }, { emit: () => undefined });
  sink = new RecordingSink();
  catalog = createCatalogService({ registries: store, credentialFor: async () => undefined, dataDir, events: sink });
  transfers = createTransferService({ events: sink, scheduler: catalog.scheduler, changeIntervalMs: 10 });
  imports = createImportsService({ registries: store, views, integration: {} });
}

beforeAll(async () => {
  dir = await makeTempDir('imports-service');
  dataDir = join(dir, 'data');
  fixture = await makeFixture(dir);
  remote = await startRegistry({ auth: 'none' });
  await services();
  await store.add({ id: REMOTE, name: 'Remote', url: remote.url, host: remote.host, kind: 'local', insecure: false, accounts: [], pinnedRepositories: [], useDockerCredentials: false });
}, 120_000);
afterAll(async () => {
  await catalog?.flush().catch(() => undefined);
  await remote?.stop();
  await removeTempDir(dir);
});

const sha256 = (bytes: string | Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

describe('Open OCI layout or archive… through the services', () => {
  let layoutView: RegistryView;
  let archiveView: RegistryView;

  it('checks a path first: what it is and how much it holds, or why it cannot be opened', async () => {
    expect(await imports['imports.check']({ path: fixture.layout }, ctx)).toEqual({ path: fixture.layout, kind: 'oci-layout', suggestedName: 'skopeo-layout', repositories: 1, manifests: 3 });
    expect(await imports['imports.check']({ path: `${fixture.archive}` }, ctx)).toMatchObject({ kind: 'oci-archive', suggestedName: 'skopeo.tar', manifests: 1 });
    expect((await imports['imports.check']({ path: 'relative/dir' }, ctx)).problem).toMatch(/full path/);
    expect((await imports['imports.check']({ path: join(dir, 'nothing-here') }, ctx)).problem).toMatch(/There is no folder or file at/);
    expect((await imports['imports.check']({ path: dir }, ctx)).problem).toMatch(/oci-layout is missing/);
    // Web mode has no native picker: the path field is the way in.
    await expect(imports['imports.pick']({ what: 'archive' }, ctx)).rejects.toThrow(/cannot open a file picker: type the path/);
  });

  it('opens the layout and the archive as read-only registries, saved with their paths, and refuses opening one twice', async () => {
    layoutView = await imports['imports.open']({ path: fixture.layout }, ctx);
    expect(layoutView).toMatchObject({ name: 'skopeo-layout', kind: 'oci-layout', host: fixture.layout, url: `file://${fixture.layout}`, status: { state: 'connected', reason: expect.stringMatching(/^Read-only/) } });
    archiveView = await imports['imports.open']({ path: fixture.archive, name: 'Nightly export' }, ctx);
    expect(archiveView).toMatchObject({ name: 'Nightly export', kind: 'oci-archive', host: fixture.archive });
    await expect(imports['imports.open']({ path: `${fixture.layout}/` }, ctx)).rejects.toThrow(/is open already, as "skopeo-layout"/);
    const saved = JSON.parse(await readFile(join(dataDir, 'registries.json'), 'utf8')) as { registries: { kind: string; host: string }[] };
    expect(saved.registries.map((r) => [r.kind, r.host])).toEqual([['local', remote.host], ['oci-layout', fixture.layout], ['oci-archive', fixture.archive]]);
  });

  it('is not offered in Add registry, and cannot be added there', async () => {
    const handlers = createRegistriesService({ backend: { registries: store, credentials: noAccounts }, views }, async () => ({ state: 'connected' }));
    expect((await handlers['registries.presets']({}, ctx)).map((p) => p.kind)).not.toContain('oci-layout');
    await expect(handlers['registries.add']({ url: '127.0.0.1:1', kind: 'oci-archive' }, ctx)).rejects.toThrow(/Open OCI layout or archive/);
  });

  it('the catalog lists its repositories, tags and kinds through the same code as any registry', async () => {
    const listing = await catalog.handlers['catalog.repositories']({ registryId: layoutView.id }, ctx);
    expect(listing.problem).toBeUndefined();
    expect(listing.repositories.map((r) => r.name)).toEqual(['skopeo-layout']);
    const tags = await catalog.handlers['catalog.tags']({ registryId: layoutView.id, repository: 'skopeo-layout' }, ctx);
    expect(tags.tags).toEqual(['artifact', 'multi']);
    await catalog.handlers['catalog.classify']({ registryId: layoutView.id, repository: 'skopeo-layout', tags: ['artifact', 'multi'] }, ctx);
    const multi = await waitFor(() => sink.rows.find((r) => r.registryId === layoutView.id && r.tag === 'multi'), 'multi row');
    expect(multi).toMatchObject({ kind: 'image-index', digest: fixture.index.digest, platforms: ['linux/amd64', 'linux/arm64'], referrerCount: 1 });
    const artifact = await waitFor(() => sink.rows.find((r) => r.registryId === layoutView.id && r.tag === 'artifact'), 'artifact row');
    expect(artifact).toMatchObject({ digest: fixture.artifact.digest, mediaType: ARTIFACT_TYPE });
    const details = await catalog.handlers['catalog.details']({ registryId: archiveView.id, repository: 'skopeo', reference: 'multi' }, ctx);
    expect(details.row).toMatchObject({ kind: 'image-index', digest: fixture.index.digest });
  });

  it('retag and delete are refused, saying it was opened read-only', async () => {
    await expect(catalog.retag(layoutView.id, 'skopeo-layout', 'multi', ['other'])).rejects.toThrow(/skopeo-layout was opened read-only; copy the artifact to Local or a registry to change it/);
    await expect(catalog.planDelete(layoutView.id, 'skopeo-layout', fixture.index.digest, false)).rejects.toMatchObject({ code: 'denied', message: expect.stringMatching(/opened read-only/) });
    await expect(catalog.handlers['catalog.delete']({ registryId: archiveView.id, repository: 'skopeo', digest: fixture.index.digest, referrers: false }, ctx)).rejects.toThrow(/Nightly export was opened read-only/);
  });

  it('copies from the opened archive to a real registry keeping every digest, the referrer included', async () => {
    const tarView = await imports['imports.open']({ path: fixture.tarOfLayout }, ctx);
    const copy = createCopyService({ registries: store, repositoryFor: catalog.repositoryFor, noteChanged: catalog.noteChanged, queue: transfers.queue, scheduler: catalog.scheduler });
    const { transferId } = await copy.handlers['copy.start']({ from: { registryId: tarView.id, repository: 'whole-layout', reference: 'multi' }, to: { registryId: REMOTE, repository: 'imported/app', tags: ['v1'] }, referrers: true }, ctx);
    await transfers.queue.settled(transferId);
    const view = (await transfers.handlers['transfers.list']({}, ctx)).find((t) => t.id === transferId)!;
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
    const target = await catalog.repositoryFor(REMOTE, 'imported/app');
    expect((await target.resolve('v1')).digest).toBe(fixture.index.digest);
    for (const d of [...fixture.platforms, fixture.sbom]) expect(await target.manifests().exists(d.digest)).toBe(true);
    for (const layer of fixture.layers.slice(0, 2)) expect(await target.blobs().exists(layer.digest)).toBe(true);
    const { stdout } = await runCommand('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${remote.host}/imported/app:v1`]);
    expect(sha256(stdout)).toBe(fixture.index.digest);
    // Copied into the opened layout instead: refused before anything is queued.
    const before = (await transfers.handlers['transfers.list']({}, ctx)).length;
    await expect(copy.handlers['copy.start']({ from: { registryId: REMOTE, repository: 'imported/app', reference: 'v1' }, to: { registryId: layoutView.id, repository: 'skopeo-layout' }, referrers: false }, ctx)).rejects.toThrow(
      /skopeo-layout was opened read-only; copy the artifact to Local or a registry to change it/,
    );
    expect(await transfers.handlers['transfers.list']({}, ctx)).toHaveLength(before);
  });

  it('downloads from the opened archive through the real download service: files verified, an image as an OCI layout', async () => {
    const downloads = createDownloadService({ registries: store, repositoryFor: catalog.repositoryFor, queue: transfers.queue, integration: {}, dataDir, events: sink, scheduler: catalog.scheduler });
    const tarView = store.list().find((r) => r.host === fixture.tarOfLayout)!;
    const folder = join(dir, 'downloaded');
    await mkdir(folder);
    const files = await downloads.handlers['downloads.start']({ registryId: tarView.id, repository: 'whole-layout', reference: 'artifact', mode: 'files', folder }, ctx);
    await transfers.queue.settled(files.transferId);
    expect((await transfers.handlers['transfers.list']({}, ctx)).find((t) => t.id === files.transferId)).toMatchObject({ state: 'done' });
    expect(await readFile(join(folder, 'hello.txt'), 'utf8')).toBe('hello from a plain artifact\n');
    const choices = await downloads.handlers['downloads.choices']({ registryId: tarView.id, repository: 'whole-layout', reference: 'multi' }, ctx);
    expect(choices.platforms.map((p) => p.architecture).sort()).toEqual(['amd64', 'arm64']);
  });

  it('is there after a restart; its status says what went wrong when the folder goes; it is removable', async () => {
    await services();
    expect(store.list().map((r) => r.kind)).toEqual(['local-store', 'local', 'oci-layout', 'oci-archive', 'oci-archive']);
    const opened = store.get(layoutView.id)!;
    expect(await checkRegistry(opened, { credentialFor: async () => undefined })).toMatchObject({ state: 'connected', reason: expect.stringMatching(/Read-only: the OCI layout folder .* 3 manifests in 1 repository/) });
    const moved = `${fixture.layout}-moved`;
    await cp(fixture.layout, moved, { recursive: true });
    await rm(join(fixture.layout, 'blobs', 'sha256', fixture.layers[1]!.digest.slice(7)));
    expect(await checkRegistry(opened, { credentialFor: async () => undefined })).toMatchObject({ state: 'error', reason: expect.stringMatching(/cannot be opened as an OCI layout: blobs\/sha256\/[0-9a-f]{64} names sha256:.*, but blobs\/sha256\/[0-9a-f]{64} is missing/) });
    await rm(fixture.layout, { recursive: true });
    expect(await checkRegistry(opened, { credentialFor: async () => undefined })).toMatchObject({ state: 'error', reason: expect.stringMatching(/does not exist any more/) });
    await cp(moved, fixture.layout, { recursive: true });
    const handlers = createRegistriesService({ backend: { registries: store, credentials: { ...(noAccounts as object), removeRegistry: (id: string) => store.remove(id).then(() => undefined) } as never }, views }, async () => ({ state: 'connected' }));
    await handlers['registries.remove']({ id: layoutView.id }, ctx);
    expect(store.get(layoutView.id)).toBeUndefined();
    expect(await readFile(join(fixture.layout, 'index.json'), 'utf8')).toContain(fixture.index.digest); // the folder itself is untouched
  });
});
