import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import type { CallInput, EventSink } from '../../../shared/contract';
import type { TransferView } from '../../../shared/contract/transfers';
import { createCatalogService, type CatalogService } from '../../../electron/catalog/catalog-service';
import { createExportService } from '../../../electron/export/export-service';
import { localRegistry } from '../../../electron/registries/local-registry';
import { openRegistriesStore } from '../../../electron/registries/registries-store';
import { createTransferService, type TransferService } from '../../../electron/transfers/transfer-service';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';

export const REMOTE = 'remote';
export const ctx = { signal: new AbortController().signal };

export interface ExportEnv {
  registry: TestRegistry;
  /** In front of the registry: the saved `remote` registry talks through it (faults, request counts). */
  proxy: FaultProxy;
  dataDir: string;
  /** Where the tests export to. */
  out: string;
  catalog: CatalogService;
  transfers: TransferService;
  exports: ReturnType<typeof createExportService>;
}

/** The real stack: Distribution 2.8 behind the fault proxy saved as `remote`, Local, the catalog, the transfer queue and the export service. */
export function useExportEnv(name: string): ExportEnv {
  const env = {} as ExportEnv;
  const events: EventSink = { emit: () => undefined };
  beforeAll(async () => {
    env.registry = await startRegistry();
    env.proxy = await startFaultProxy({ upstream: env.registry.url });
    env.dataDir = await makeTempDir(`${name}-data`);
    env.out = await makeTempDir(`${name}-out`);
    const store = await openRegistriesStore(env.dataDir, undefined, { builtIn: [localRegistry(env.dataDir)] });
    await store.add({ id: REMOTE, name: 'Remote', url: env.proxy.url, host: env.proxy.host, kind: 'local', insecure: false, accounts: [], pinnedRepositories: [], useDockerCredentials: false });
    env.catalog = createCatalogService({ registries: store, credentialFor: async () => undefined, dataDir: env.dataDir, events });
    env.transfers = createTransferService({ events, scheduler: env.catalog.scheduler, changeIntervalMs: 10 });
    env.exports = createExportService({ registries: store, repositoryFor: env.catalog.repositoryFor, queue: env.transfers.queue, scheduler: env.catalog.scheduler, integration: {}, dataDir: env.dataDir });
  });
  afterAll(async () => {
    await env.catalog?.flush().catch(() => undefined);
    await env.proxy?.stop();
    await env.registry?.stop();
    if (env.dataDir) await removeTempDir(env.dataDir);
    if (env.out) await removeTempDir(env.out);
  });
  return env;
}

/** Starts an export and waits for its transfer to end: its final view. */
export async function exportAndWait(env: ExportEnv, input: CallInput<'exports.start'>): Promise<TransferView> {
  const { transferId } = await env.exports.handlers['exports.start'](input, ctx);
  await env.transfers.queue.settled(transferId);
  return viewOf(env, transferId);
}

export async function viewOf(env: ExportEnv, transferId: string): Promise<TransferView> {
  const view = (await env.transfers.handlers['transfers.list']({}, ctx)).find((v) => v.id === transferId);
  if (!view) throw new Error(`transfer ${transferId} is not listed`);
  return view;
}

export async function retryAndWait(env: ExportEnv, transferId: string): Promise<TransferView> {
  await env.transfers.handlers['transfers.retry']({ id: transferId }, ctx);
  await env.transfers.queue.settled(transferId);
  return viewOf(env, transferId);
}

/** `skopeo inspect --raw <transport>`: the manifest's exact bytes, as skopeo reads them. */
export async function skopeoRaw(reference: string): Promise<Buffer> {
  const { stdout } = await runCommand('skopeo', ['inspect', '--raw', reference]);
  return Buffer.from(stdout, 'utf8');
}

/** Every name in a folder, hidden ones included (temp and partial files must not be left). */
export async function namesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}
