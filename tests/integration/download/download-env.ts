import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { CallArgs, EventName, EventPayload, EventSink, TransferView } from '../../../shared/contract';
import { createTransferScheduler } from '../../../electron/catalog/catalog-scheduler';
import { createDownloadService, type DownloadServiceDeps } from '../../../electron/download/download-service';
import type { UnpackLimits } from '../../../electron/download/download-job';
import { createRegistry, type Registry } from '../../../electron/oci/registry';
import type { Descriptor, ImageManifest } from '../../../electron/oci/manifests/manifest-types';
import { EMPTY_JSON_DIGEST, OCI_EMPTY, OCI_MANIFEST } from '../../../electron/oci/manifests/media-types';
import { createTransferService } from '../../../electron/transfers/transfer-service';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';

export interface RecordedEvent {
  name: EventName;
  payload: unknown;
}

export interface DownloadEnv {
  registry: TestRegistry;
  proxy: FaultProxy;
  /** Pushes straight to the registry (not through the proxy). */
  client: Registry;
  dir: string;
  events: RecordedEvent[];
  service: ReturnType<typeof createDownloadService>;
  transfers: ReturnType<typeof createTransferService>;
  /** Called on each event (tests that answer questions as they come). */
  onEvent?: (name: EventName, payload: unknown) => void;
}

/**
 * For one test file: a real registry behind the fault proxy, the real transfer queue and the
 * download service wired as create-services wires them (registry id "test").
 */
export function useDownloadEnv(name: string, options: { limits?: UnpackLimits; integration?: DownloadServiceDeps['integration'] } = {}): DownloadEnv {
  const env = { events: [] as RecordedEvent[] } as DownloadEnv;
  beforeAll(async () => {
    env.registry = await startRegistry();
    env.proxy = await startFaultProxy({ upstream: env.registry.url });
    env.dir = await makeTempDir(name);
    env.client = createRegistry({ baseUrl: env.registry.url });
    const through = createRegistry({ baseUrl: env.proxy.url, retry: { baseDelayMs: 20, maxRetryAfterMs: 2500, maxAttempts: 5 } });
    const events: EventSink = {
      emit<E extends EventName>(event: E, payload: EventPayload<E>) {
        env.events.push({ name: event, payload });
        env.onEvent?.(event, payload);
      },
    };
    const scheduler = createTransferScheduler();
    env.transfers = createTransferService({ events, scheduler, changeIntervalMs: 20 });
    env.service = createDownloadService({
      registries: { get: (id: string) => (id === 'test' ? ({ id, host: env.registry.host } as never) : undefined) },
      repositoryFor: async (_id, repository) => through.repository(repository),
      queue: env.transfers.queue,
      integration: options.integration ?? {},
      dataDir: join(env.dir, 'data'),
      events,
      scheduler,
      ...(options.limits ? { limits: options.limits } : {}),
    });
  });
  afterAll(async () => {
    await env.proxy?.stop();
    await env.registry?.stop();
    if (env.dir) await removeTempDir(env.dir);
  });
  return env;
}

const ctx = {} as never;

/** Starts a download and waits for it to end; the transfer's final view. */
export async function download(env: DownloadEnv, args: Omit<CallArgs<'downloads.start'>, 'registryId'>): Promise<TransferView> {
  const { transferId } = await env.service.handlers['downloads.start']({ registryId: 'test', ...args }, ctx);
  await env.transfers.queue.settled(transferId);
  const list = await env.transfers.handlers['transfers.list']({}, ctx);
  const view = list.find((t) => t.id === transferId);
  if (!view) throw new Error('the transfer vanished');
  return view;
}

export const callCtx = ctx;

export async function freshFolder(env: DownloadEnv, name: string): Promise<string> {
  const folder = join(env.dir, name);
  await mkdir(folder, { recursive: true });
  return folder;
}

export interface LayerSpec {
  data: Buffer;
  mediaType?: string;
  annotations?: Record<string, string>;
}

export const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** Pushes blobs and a manifest (ORAS style: empty config unless given) and returns its descriptor. */
export async function pushArtifact(
  env: DownloadEnv,
  repository: string,
  tag: string,
  layers: LayerSpec[],
  options: { artifactType?: string; config?: { data: Buffer; mediaType: string } } = {},
): Promise<{ manifest: ImageManifest; descriptor: Descriptor }> {
  const repo = env.client.repository(repository);
  const descriptors: Descriptor[] = [];
  for (const layer of layers) {
    await repo.blobs().push({ data: layer.data });
    descriptors.push({ mediaType: layer.mediaType ?? 'application/octet-stream', digest: sha256(layer.data), size: layer.data.length, ...(layer.annotations ? { annotations: layer.annotations } : {}) });
  }
  let config: Descriptor = { mediaType: OCI_EMPTY, digest: EMPTY_JSON_DIGEST, size: 2 };
  if (options.config) {
    await repo.blobs().push({ data: options.config.data });
    config = { mediaType: options.config.mediaType, digest: sha256(options.config.data), size: options.config.data.length };
  } else {
    await repo.blobs().push({ data: Buffer.from('{}') });
  }
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    ...(options.config ? {} : { artifactType: options.artifactType ?? 'application/vnd.stevedore.test.files' }),
    config,
    layers: descriptors,
  };
  const descriptor = await repo.pushManifest(manifest, tag);
  return { manifest, descriptor };
}
