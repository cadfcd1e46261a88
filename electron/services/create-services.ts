import type { AppInfo, EventSink, Handlers, HostKind } from '../../shared/contract';
import { createRegistriesService } from '../registries/registries-service';

export interface ServiceOptions {
  host: HostKind;
  version: string;
  /** The app's data folder (settings, caches); never holds a secret. */
  dataDir: string;
  events: EventSink;
  capabilities: AppInfo['capabilities'];
}

/** Builds every service and returns the handler for each contract call. Hosts call nothing else. */
export function createServices(options: ServiceOptions): Handlers {
  const info: AppInfo = { name: 'Stevedore', version: options.version, host: options.host, capabilities: options.capabilities };
  return {
    'app.info': async () => info,
    ...createRegistriesService(options.events),
  };
}
