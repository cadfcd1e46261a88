import { createHash, randomBytes } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { EventName, EventPayload, EventSink } from '../../../shared/contract';
import type { TransferView } from '../../../shared/contract/transfers';
import { EMPTY_JSON_DIGEST, OCI_EMPTY, OCI_MANIFEST } from '../../../electron/oci/manifests/media-types';
import type { ImageManifest } from '../../../electron/oci/manifests/manifest-types';
import { createRegistry, type Registry } from '../../../electron/oci/registry';
import type { RegistryOptions } from '../../../electron/oci/registry';
import { TransferScheduler } from '../../../electron/oci/scheduler/transfer-scheduler';
import type { PlannedBlob, PushPlan } from '../../../electron/transfers/push-plan';
import { createPushJob, type PushJobDeps } from '../../../electron/transfers/push/push-job';
import { createTransferService, type TransferService } from '../../../electron/transfers/transfer-service';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type RegistryOptions as TestRegistryOptions, type TestRegistry } from '../../support/registry';

export const MiB = 1024 * 1024;
export const TITLE = 'org.opencontainers.image.title';
export const FILES_ARTIFACT = 'application/vnd.unknown.artifact.v1';

export interface PushEnv {
  registry: TestRegistry;
  proxy: FaultProxy;
  dir: string;
}

/** A real registry with the fault proxy in front and a temp folder, for one test file. */
export function usePushEnv(name: string, options: TestRegistryOptions = {}): PushEnv {
  const env = {} as PushEnv;
  beforeAll(async () => {
    env.registry = await startRegistry(options);
    env.proxy = await startFaultProxy({ upstream: env.registry.url });
    env.dir = await makeTempDir(name);
  });
  afterAll(async () => {
    await env.proxy?.stop();
    await env.registry?.stop();
    if (env.dir) await removeTempDir(env.dir);
  });
  return env;
}

/** The app's registry client pointed at the proxy, with short backoff so fault tests stay quick. */
export function proxiedRegistry(env: PushEnv, options: Partial<RegistryOptions> = {}): Registry {
  return createRegistry({ baseUrl: env.proxy.url, retry: { baseDelayMs: 20, maxRetryAfterMs: 2500 }, ...options });
}

export interface TestFile {
  name: string;
  path: string;
  data: Buffer;
  digest: string;
}

export async function randomFile(env: PushEnv, name: string, size: number): Promise<TestFile> {
  const data = randomBytes(size);
  const path = join(env.dir, name);
  await writeFile(path, data);
  return { name, path, data, digest: sha256(data) };
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/**
 * A plan the way `oras push` lays out files (the publish packers build the same shape): one layer per
 * file with its title, the empty config, `created` pinned so the digest is known up front.
 */
export function filesPlan(repository: string, files: readonly TestFile[], tags: string[], extra: Partial<ImageManifest> = {}): PushPlan {
  const layers = files.map((file) => ({ mediaType: 'application/octet-stream', digest: file.digest, size: file.data.length, annotations: { [TITLE]: file.name } }));
  const config = { mediaType: OCI_EMPTY, digest: EMPTY_JSON_DIGEST, size: 2 };
  const blobs: PlannedBlob[] = [
    { name: 'config', source: { data: Buffer.from('{}') }, descriptor: config },
    ...files.map((file, i) => ({ name: file.name, source: { path: file.path }, descriptor: layers[i]! })),
  ];
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: FILES_ARTIFACT,
    config,
    layers,
    annotations: { 'org.opencontainers.image.created': '2026-01-02T03:04:05Z' },
    ...extra,
  };
  return { registryId: 'test-registry', repository, tags, blobs, manifest, title: `Publish ${files.length} files to ${repository}` };
}

/** Every `transfers.changed` view, in order. */
export class RecordedEvents implements EventSink {
  readonly views: TransferView[] = [];
  readonly removed: string[] = [];
  private readonly listeners: ((view: TransferView) => void)[] = [];

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    if (name === 'transfers.changed') {
      for (const view of payload as TransferView[]) {
        this.views.push(view);
        for (const listener of this.listeners) listener(view);
      }
    }
    if (name === 'transfers.removed') this.removed.push(...(payload as string[]));
  }

  onView(listener: (view: TransferView) => void): void {
    this.listeners.push(listener);
  }
}

export interface Harness {
  service: TransferService;
  events: RecordedEvents;
  scheduler: TransferScheduler;
  /** Enqueues a push job for `plan` and returns its transfer id. */
  publish(plan: PushPlan, deps?: Partial<PushJobDeps>): string;
  view(id: string): TransferView;
}

/** The transfer service with push jobs against `registry` (events at 10 ms so tests can react fast). */
export function harness(registry: Registry, host: string): Harness {
  const events = new RecordedEvents();
  const scheduler = new TransferScheduler({ maxConcurrent: 16, maxPerHost: 8 });
  const service = createTransferService({ events, scheduler, changeIntervalMs: 10 });
  return {
    service,
    events,
    scheduler,
    publish: (plan, deps = {}) => service.queue.enqueue(createPushJob(plan, { repository: registry.repository(plan.repository), scheduler, host, ...deps })),
    view: (id) => service.queue.view(id) as TransferView,
  };
}

export interface UploadFolder {
  id: string;
  /** `startedat`: without it Distribution knows no such session (Resume answers BLOB_UPLOAD_UNKNOWN). */
  live: boolean;
  /** Bytes received and not committed. */
  hasData: boolean;
}

/**
 * Upload sessions as the registry keeps them on disk (Distribution's filesystem layout).
 *
 * Distribution 2.8 writes a session's hash state back when a request on it closes, even after a
 * DELETE removed the session: a cancelled session leaves `_uploads/<id>/hashstates/sha256/0` (108
 * bytes) and nothing else. Without `startedat` and `data` that folder is no session at all (a GET on
 * it answers 404, nothing can resume it); so tests count live sessions and data, not folders.
 */
export async function uploadFolders(registry: TestRegistry, repository: string): Promise<UploadFolder[]> {
  const root = join(registry.rootDir, 'data', 'docker', 'registry', 'v2', 'repositories', repository, '_uploads');
  const ids = await readdir(root).catch((error: { code?: string }) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return Promise.all(
    ids.map(async (id) => {
      const entries = await readdir(join(root, id));
      return { id, live: entries.includes('startedat'), hasData: entries.includes('data') };
    }),
  );
}

/** Sessions that still hold something: live ones, or received bytes. */
export async function openSessions(registry: TestRegistry, repository: string): Promise<UploadFolder[]> {
  return (await uploadFolders(registry, repository)).filter((folder) => folder.live || folder.hasData);
}

/** Bytes of blob data the client sent in PATCH and PUT requests seen by the proxy. */
export function blobBytesSent(env: PushEnv): number {
  return env.proxy.requests
    .filter((r) => (r.method === 'PATCH' || r.method === 'PUT') && r.path.includes('/blobs/uploads/'))
    .reduce((sum, r) => sum + Number(r.values['content-length'] ?? 0), 0);
}
