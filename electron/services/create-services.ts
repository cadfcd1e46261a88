import { ContractError, type AppInfo, type CallName, type EventSink, type Handlers, type HostKind } from '../../shared/contract';
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

// Calls declared in the contract whose services land later in this same change set.
const pending = [] as const satisfies readonly CallName[];

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
  const unavailable = Object.fromEntries(
    pending.map((name) => [
      name,
      async () => {
        throw new ContractError('internal', `${name} is not available in this build yet.`);
      },
    ]),
  ) as unknown as Pick<Handlers, (typeof pending)[number]>;
  return {
    ...unavailable,
    'app.info': async () => info,
    ...createLoginsHandlers(logins, options.events),
    ...catalog.handlers,
  };
}
