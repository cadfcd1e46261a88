import type { AppInfo, EventSink, Handlers, HostKind } from '../../shared/contract';
import { createCatalogService } from '../catalog/catalog-service';
import { createTransferScheduler } from '../catalog/catalog-scheduler';
import { createCopyService } from '../copy/copy-service';
import { createLoginsBackend } from '../credentials/create-logins-backend';
import { createDownloadService } from '../download/download-service';
import { createImportsService } from '../imports/imports-service';
import { createExportService } from '../export/export-service';
import { createLogger } from '../log/logger';
import { createLoginsHandlers } from '../logins/create-logins-handlers';
import { createPublishService } from '../publish/publish-service';
import { createRegistryStatuses } from '../registries/registry-statuses';
import { createTransferService } from '../transfers/transfer-service';
import type { HostIntegration } from './host-integration';

export interface ServiceOptions {
  host: HostKind;
  version: string;
  /** The app's data folder (settings, caches); never holds a secret. */
  dataDir: string;
  events: EventSink;
  capabilities: Omit<AppInfo['capabilities'], 'keychain'>;
  /** What only this host can do: dropped paths, pickers, staged uploads, notifications. */
  integration?: HostIntegration;
}

/** The services of one run: a handler per contract call, and what quitting must do. */
export interface ServiceSet {
  handlers: Handlers;
  /** Quit: cancels every transfer still queued or running and waits for it, then drops publish drafts and their work files. */
  close(): Promise<void>;
}

/** Builds every service and returns the handler for each contract call. Hosts call nothing else. */
export async function createServices(options: ServiceOptions): Promise<Handlers> {
  return (await startServices(options)).handlers;
}

/** createServices for a host that closes the services when it quits (the desktop app). */
export async function startServices(options: ServiceOptions): Promise<ServiceSet> {
  const logins = await createLoginsBackend({ dataDir: options.dataDir, localRegistry: true });
  const capabilities = { ...options.capabilities, keychain: logins.keychain.available };
  createLogger('services').info(
    logins.keychain.available ? `logins are kept in ${logins.keychain.backend}` : `logins last for this session only: ${logins.keychain.reason}`,
  );
  const integration = options.integration ?? {};
  const scheduler = createTransferScheduler();
  const statuses = createRegistryStatuses(logins, options.events, { scheduler });
  const catalog = createCatalogService({
    registries: logins.registries,
    credentialFor: logins.credentials.credentialFor,
    dataDir: options.dataDir,
    events: options.events,
    scheduler,
    outcomes: statuses.tracker,
  });
  const transfers = createTransferService({ events: options.events, scheduler: catalog.scheduler });
  const storage = { registries: logins.registries, repositoryFor: catalog.repositoryFor, noteChanged: catalog.noteChanged };
  const publish = createPublishService({ ...storage, queue: transfers.queue, integration, dataDir: options.dataDir, scheduler: catalog.scheduler });
  const downloads = createDownloadService({ ...storage, queue: transfers.queue, integration, dataDir: options.dataDir, events: options.events, scheduler: catalog.scheduler });
  const copy = createCopyService({ ...storage, queue: transfers.queue, scheduler: catalog.scheduler });
  const exporting = createExportService({ ...storage, queue: transfers.queue, scheduler: catalog.scheduler, integration, dataDir: options.dataDir });
  const info: AppInfo = { name: 'Stevedore', version: options.version, host: options.host, capabilities };
  const handlers: Handlers = {
    'app.info': async () => info,
    ...createLoginsHandlers(logins, options.events, statuses),
    ...catalog.handlers,
    ...transfers.handlers,
    ...publish.handlers,
    ...downloads.handlers,
    ...copy.handlers,
    ...createImportsService({ registries: logins.registries, views: statuses.views, integration }),
    ...exporting.handlers,
  };
  // Every saved registry is checked in the background: the window never waits for it.
  void statuses.tracker.checkAll();
  const close = async () => {
    statuses.tracker.close();
    const ctx = { signal: new AbortController().signal };
    const open = (await transfers.handlers['transfers.list']({}, ctx)).filter((transfer) => transfer.canCancel);
    await Promise.all(
      open.map(async ({ id }) => {
        await transfers.handlers['transfers.cancel']({ id }, ctx).catch(() => undefined);
        await transfers.queue.settled(id).catch(() => undefined);
      }),
    );
    await publish.close();
  };
  return { handlers, close };
}
