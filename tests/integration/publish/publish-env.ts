import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import type { ArtifactRow, EventName, EventPayload, EventSink, PublishDraft, PublishOptions, PublishPreview, PublishSource } from '../../../shared/contract';
import type { TransferView } from '../../../shared/contract/transfers';
import { DropAllowList, takeDroppedPaths } from '../../../electron/app/dropped-paths';
import { createCatalogService, type CatalogService } from '../../../electron/catalog/catalog-service';
import { createPublishService, type PublishService } from '../../../electron/publish/publish-service';
import { openRegistriesStore } from '../../../electron/registries/registries-store';
import type { HostIntegration, StagedEntry } from '../../../electron/services/host-integration';
import { createTransferService, type TransferService } from '../../../electron/transfers/transfer-service';
import { makeTempDir, removeTempDir, waitUntil } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { skopeoPull } from '../../support/seed/skopeo';

const run = promisify(execFile);
const ctx = { signal: new AbortController().signal };

/** Everything the service emits, and the host's notifications. */
class Recorder implements EventSink {
  readonly changed: { registryId: string; repository: string }[] = [];
  readonly rows: ArtifactRow[] = [];
  readonly transfers = new Map<string, TransferView>();
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    if (name === 'catalog.artifacts') this.rows.push(...(payload as ArtifactRow[]));
    if (name === 'catalog.repositoryChanged') this.changed.push(payload as { registryId: string; repository: string });
    if (name === 'transfers.changed') for (const view of payload as TransferView[]) this.transfers.set(view.id, view);
  }
}

export interface PublishEnv {
  registry: TestRegistry;
  dir: string;
  dataDir: string;
  events: Recorder;
  notes: { title: string; body: string }[];
  staged: Map<string, StagedEntry>;
  catalog: CatalogService;
  transfers: TransferService;
  publish: PublishService;
  sourceDateEpoch?: string;
}

/**
 * The real stack for one test file: Distribution 2.8, the registries store with it saved as
 * `local`, the catalog (repositoryFor, noteChanged, the scheduler), the transfer queue and the
 * publish service. Paths reach the service as the Electron host hands them: through the drop
 * allow-list (`drop`), or as web-mode staged uploads (`stage`).
 */
export function usePublishEnv(name: string, options: { env?: Record<string, string | undefined> } = {}): PublishEnv & { drop(paths: string[]): PublishSource[] } {
  const allow = new DropAllowList();
  const env = { staged: new Map<string, StagedEntry>(), notes: [] as { title: string; body: string }[] } as PublishEnv & { drop(paths: string[]): PublishSource[] };
  env.drop = (paths) => {
    allow.register(paths);
    return paths.map((path) => ({ type: 'path', path }));
  };
  beforeAll(async () => {
    env.registry = await startRegistry();
    env.dir = await makeTempDir(`${name}-files`);
    env.dataDir = await makeTempDir(`${name}-data`);
    env.events = new Recorder();
    const store = await openRegistriesStore(env.dataDir);
    await store.add({ id: 'local', name: 'Local', url: env.registry.url, host: env.registry.host, kind: 'local', insecure: false, accounts: [], pinnedRepositories: [], useDockerCredentials: false });
    env.catalog = createCatalogService({ registries: store, credentialFor: async () => undefined, dataDir: env.dataDir, events: env.events });
    env.transfers = createTransferService({ events: env.events, scheduler: env.catalog.scheduler, changeIntervalMs: 10 });
    const integration: HostIntegration = {
      takeDropped: (paths) => takeDroppedPaths(allow, paths),
      staged: (id) => env.staged.get(id),
      notify: (title, body) => env.notes.push({ title, body }),
    };
    env.publish = createPublishService({
      registries: store,
      repositoryFor: env.catalog.repositoryFor,
      noteChanged: env.catalog.noteChanged,
      queue: env.transfers.queue,
      integration,
      dataDir: env.dataDir,
      scheduler: env.catalog.scheduler,
      env: options.env ?? {},
    });
  });
  afterAll(async () => {
    await env.publish?.close();
    await env.catalog?.flush().catch(() => undefined);
    await env.registry?.stop();
    if (env.dir) await removeTempDir(env.dir);
    if (env.dataDir) await removeTempDir(env.dataDir);
  });
  return env;
}

export const h = (env: PublishEnv) => env.publish.handlers;

export async function open(env: PublishEnv, sources: PublishSource[], target?: { registryId: string; repository?: string; subject?: string }): Promise<PublishDraft> {
  return h(env)['publish.open']({ sources, ...(target ? { target } : {}) }, ctx);
}

export function optionsFor(draft: PublishDraft, more: Partial<PublishOptions> & Pick<PublishOptions, 'repository'>): PublishOptions {
  return { draftId: draft.draftId, registryId: 'local', tags: ['v1'], kind: draft.detected.kind, created: { mode: 'off' }, ...more };
}

export async function preview(env: PublishEnv, options: PublishOptions): Promise<PublishPreview> {
  return h(env)['publish.preview'](options, ctx);
}

/** Starts the publish and waits for the transfer to end; its final view. */
export async function publish(env: PublishEnv, options: PublishOptions): Promise<TransferView> {
  const { transferId } = await h(env)['publish.start'](options, ctx);
  await env.transfers.queue.settled(transferId);
  const views = await env.transfers.handlers['transfers.list']({}, ctx);
  const view = views.find((v) => v.id === transferId);
  if (!view) throw new Error(`transfer ${transferId} is not listed`);
  return view;
}

/** The manifest as the registry stores it, by tag or digest. */
export async function manifestBytes(env: PublishEnv, repository: string, reference: string): Promise<Buffer> {
  const repo = await env.catalog.repositoryFor('local', repository);
  return (await repo.manifests().fetch(reference)).bytes;
}

/** skopeo copies the artifact into an OCI layout: the digest it recorded there. */
export async function skopeoDigest(env: PublishEnv, repository: string, tag: string): Promise<string> {
  const layout = join(env.dir, `layout-${repository.replace(/\//g, '_')}-${tag}`);
  await skopeoPull(env.registry.host, repository, tag, layout);
  const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  return index.manifests[0]!.digest;
}

/** Runs a shell command in `cwd`; its standard output. */
export async function sh(command: string, cwd: string): Promise<string> {
  return (await run('sh', ['-c', command], { cwd })).stdout;
}

/** How the catalog classifies a tag (the row it streams after `catalog.classify`). */
export async function classified(env: PublishEnv, repository: string, tag: string): Promise<ArtifactRow> {
  const find = () => env.events.rows.find((r) => r.repository === repository && r.tag === tag);
  await env.catalog.handlers['catalog.classify']({ registryId: 'local', repository, tags: [tag], refresh: true }, ctx);
  await waitUntil(async () => find() !== undefined, { timeoutMs: 20_000, describeFailure: () => `the catalog never classified ${repository}:${tag}` });
  return find()!;
}
