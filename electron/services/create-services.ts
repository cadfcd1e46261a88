import type { AppInfo, EventSink, Handlers, HostKind } from '../../shared/contract';
import { createCatalogService } from '../catalog/catalog-service';
import { createLoginsBackend } from '../credentials/create-logins-backend';
import { createLogger } from '../log/logger';
import { createLoginsHandlers } from '../logins/create-logins-handlers';

export interface ServiceOptions {
  host: HostKind;
  version: string;
  /** The app's data folder (settings, caches); never holds a secret. */
  dataDir: string;
  events: EventSink;
  capabilities: Omit<AppInfo['capabilities'], 'keychain'>;
}

/** Builds every service and returns the handler for each contract call. Hosts call nothing else. */
export async function createServices(options: ServiceOptions): Promise<Handlers> {
  const logins = await createLoginsBackend({ dataDir: options.dataDir });
  const capabilities = { ...options.capabilities, keychain: logins.keychain.available };
  createLogger('services').info(
    logins.keychain.available ? `logins are kept in ${logins.keychain.backend}` : `logins last for this session only: ${logins.keychain.reason}`,
  );
  const catalog = createCatalogService({
    registries: logins.registries,
    credentialFor: logins.credentials.credentialFor,
    dataDir: options.dataDir,
    events: options.events,
  });
  const info: AppInfo = { name: 'Stevedore', version: options.version, host: options.host, capabilities };
  return {
    'app.info': async () => info,
    ...createLoginsHandlers(logins, options.events),
    ...catalog.handlers,
  };
}
