import { ContractError, type EventSink, type RegistryStatus, type RegistryView } from '../../shared/contract';
import type { LoginsBackend } from '../credentials/create-logins-backend';
import { localStatus } from './local-registry';
import { isOpenedLayoutKind } from '../../shared/registries/registry-presets';
import { openedStatus } from '../imports/layout-status';
import type { SavedRegistry } from './saved-registry';

/** Before any check: a remote registry is "not checked"; the Local folder needs no check; an opened layout is read-only. */
function initialStatus(saved: SavedRegistry): RegistryStatus {
  if (isOpenedLayoutKind(saved.kind)) return openedStatus(saved);
  return saved.kind === 'local-store' ? localStatus(saved) : { state: 'unknown' };
}

/** Statuses live in memory (a fresh start checks again); everything else comes from the store and the secret store. */
export interface RegistryViews {
  one(id: string): Promise<RegistryView>;
  all(): Promise<RegistryView[]>;
  status(id: string): RegistryStatus;
  setStatus(id: string, status: RegistryStatus): void;
  forget(id: string): void;
  /** Emits `registries.changed` with the current list. */
  changed(): Promise<void>;
}

export function createRegistryViews(backend: Pick<LoginsBackend, 'registries' | 'credentials'>, events: EventSink): RegistryViews {
  const statuses = new Map<string, RegistryStatus>();

  const toView = async (saved: SavedRegistry): Promise<RegistryView> => ({
    id: saved.id,
    name: saved.name,
    url: saved.url,
    host: saved.host,
    kind: saved.kind,
    insecure: saved.insecure,
    ...(saved.caCertPath ? { caCertPath: saved.caCertPath } : {}),
    accounts: await backend.credentials.listAccounts(saved.id),
    pinnedRepositories: [...saved.pinnedRepositories],
    useDockerCredentials: saved.useDockerCredentials,
    status: statuses.get(saved.id) ?? initialStatus(saved),
  });

  const all = async () => Promise.all(backend.registries.list().map(toView));

  return {
    async one(id) {
      const saved = backend.registries.get(id);
      if (!saved) throw new ContractError('not-found', 'That registry is no longer in the list.');
      return toView(saved);
    },
    all,
    status: (id) => {
      const saved = backend.registries.get(id);
      return statuses.get(id) ?? (saved ? initialStatus(saved) : { state: 'unknown' });
    },
    setStatus: (id, status) => void statuses.set(id, status),
    forget: (id) => void statuses.delete(id),
    async changed() {
      events.emit('registries.changed', await all());
    },
  };
}
