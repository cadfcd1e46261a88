import type { EventSink } from '../../shared/contract';
import type { LoginsBackend } from '../credentials/create-logins-backend';
import { createLogger } from '../log/logger';
import { createRegistriesService } from '../registries/registries-service';
import { createRegistryStatuses, type RegistryStatuses } from '../registries/registry-statuses';
import { createLoginsService } from './logins-service';

/** The handlers for every registries.* and logins.* call, on one logins back end. */
export function createLoginsHandlers(
  backend: LoginsBackend,
  events: EventSink,
  statuses: RegistryStatuses = createRegistryStatuses(backend, events),
): ReturnType<typeof createRegistriesService> & ReturnType<typeof createLoginsService> {
  const { views, ping } = statuses;
  return {
    ...createRegistriesService({ backend, views }, ping),
    ...createLoginsService({ backend, views, ping, log: createLogger('logins') }),
  };
}

