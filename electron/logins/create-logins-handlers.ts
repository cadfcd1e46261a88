import type { EventSink } from '../../shared/contract';
import type { LoginsBackend } from '../credentials/create-logins-backend';
import { createLogger } from '../log/logger';
import { createPinger, createRegistriesService } from '../registries/registries-service';
import { createRegistryViews } from '../registries/registry-views';
import { createLoginsService } from './logins-service';

/** The handlers for every registries.* and logins.* call, on one logins back end. */
export function createLoginsHandlers(
  backend: LoginsBackend,
  events: EventSink,
): ReturnType<typeof createRegistriesService> & ReturnType<typeof createLoginsService> {
  const views = createRegistryViews(backend, events);
  const ping = createPinger({ backend, views });
  return {
    ...createRegistriesService({ backend, views }, ping),
    ...createLoginsService({ backend, views, ping, log: createLogger('logins') }),
  };
}

