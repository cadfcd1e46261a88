import type { EventSink } from '../../shared/contract';
import type { LoginsBackend } from '../credentials/create-logins-backend';
import { createPinger, type PingRegistry } from './registries-service';
import { createRegistryViews, type RegistryViews } from './registry-views';
import { createStatusTracker, type StatusTracker, type StatusTrackerDeps } from './status-tracker';

/** The registries' views and statuses for one run: what the registries and logins handlers, and the catalog, share. */
export interface RegistryStatuses {
  views: RegistryViews;
  ping: PingRegistry;
  tracker: StatusTracker;
}

export function createRegistryStatuses(
  backend: Pick<LoginsBackend, 'registries' | 'credentials'>,
  events: EventSink,
  options: Pick<StatusTrackerDeps, 'scheduler' | 'announceDelayMs' | 'recheckAfterMs'> = {},
): RegistryStatuses {
  const views = createRegistryViews(backend, events);
  const ping = createPinger({ backend, views });
  const tracker = createStatusTracker({ registries: backend.registries, credentialFor: backend.credentials.credentialFor, views, ping, ...options });
  return { views, ping, tracker };
}
