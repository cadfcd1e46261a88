import { afterAll, beforeAll } from 'vitest';
import type { CallInput, EventName, EventPayload, EventSink } from '../../../shared/contract';
import type { TransferView } from '../../../shared/contract/transfers';
import { createCatalogService, type CatalogService } from '../../../electron/catalog/catalog-service';
import { createCopyService } from '../../../electron/copy/copy-service';
import { LOCAL_REGISTRY_ID, localRegistry } from '../../../electron/registries/local-registry';
import { openRegistriesStore } from '../../../electron/registries/registries-store';
import { createTransferService, type TransferService } from '../../../electron/transfers/transfer-service';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';

export const REMOTE = 'remote';
export { LOCAL_REGISTRY_ID as LOCAL };
const ctx = { signal: new AbortController().signal };

export interface CopyEnv {
  registry: TestRegistry;
  /** In front of the registry: the saved `remote` registry talks through it (faults, request counts). */
  proxy: FaultProxy;
  dataDir: string;
  catalog: CatalogService;
  transfers: TransferService;
  copy: ReturnType<typeof createCopyService>;
  changed: { registryId: string; repository: string }[];
}

/**
 * The real stack: Distribution 2.8 behind the fault proxy saved as `remote`, the built-in Local
 * registry in a temp data folder, the catalog, the transfer queue and the copy service.
 */
export function useCopyEnv(name: string): CopyEnv {
  const env = { changed: [] } as unknown as CopyEnv;
  const events: EventSink = {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      if (event === 'catalog.repositoryChanged') env.changed.push(payload as { registryId: string; repository: string });
    },
  };
  beforeAll(async () => {
    env.registry = await startRegistry();
    env.proxy = await startFaultProxy({ upstream: env.registry.url });
    env.dataDir = await makeTempDir(`${name}-data`);
    const store = await openRegistriesStore(env.dataDir, undefined, { builtIn: [localRegistry(env.dataDir)] });
    await store.add({ id: REMOTE, name: 'Remote', url: env.proxy.url, host: env.proxy.host, kind: 'local', insecure: false, accounts: [], pinnedRepositories: [], useDockerCredentials: false });
    env.catalog = createCatalogService({ registries: store, credentialFor: async () => undefined, dataDir: env.dataDir, events });
    env.transfers = createTransferService({ events, scheduler: env.catalog.scheduler, changeIntervalMs: 10 });
    env.copy = createCopyService({ registries: store, repositoryFor: env.catalog.repositoryFor, noteChanged: env.catalog.noteChanged, queue: env.transfers.queue, scheduler: env.catalog.scheduler });
  });
  afterAll(async () => {
    await env.catalog?.flush().catch(() => undefined);
    await env.proxy?.stop();
    await env.registry?.stop();
    if (env.dataDir) await removeTempDir(env.dataDir);
  });
  return env;
}

/** Starts a copy and waits for its transfer to end: its final view. */
export async function copyAndWait(env: CopyEnv, input: CallInput<'copy.start'>): Promise<TransferView> {
  const { transferId } = await env.copy.handlers['copy.start'](input, ctx);
  await env.transfers.queue.settled(transferId);
  return viewOf(env, transferId);
}

export async function viewOf(env: CopyEnv, transferId: string): Promise<TransferView> {
  const view = (await env.transfers.handlers['transfers.list']({}, ctx)).find((v) => v.id === transferId);
  if (!view) throw new Error(`transfer ${transferId} is not listed`);
  return view;
}

export async function retryAndWait(env: CopyEnv, transferId: string): Promise<TransferView> {
  await env.transfers.handlers['transfers.retry']({ id: transferId }, ctx);
  await env.transfers.queue.settled(transferId);
  return viewOf(env, transferId);
}

/** Every item of a transfer (the view holds only a window). */
export async function itemsOf(env: CopyEnv, transferId: string) {
  return (await env.transfers.handlers['transfers.items']({ id: transferId, offset: 0, limit: 500 }, ctx)).items;
}
