import type { RegistryStatus } from '../../shared/contract';
import type { CredentialFunction } from '../credentials/credential';
import type { TaskOptions, Task } from '../oci/scheduler/transfer-scheduler';
import type { PingRegistry } from './registries-service';
import { connectedAnonymously, connectedAs, loginName } from './registry-status';
import type { RegistryViews } from './registry-views';
import { failureMayChangeStatus, type RequestOutcomes } from './request-outcome';
import type { SavedRegistry } from './saved-registry';
import { isOpenedLayoutKind } from '../../shared/registries/registry-presets';

/** Background checks run below everything the user waits for. */
const BACKGROUND = -1;
/** Status changes within this window leave as one `registries.changed` event. */
const ANNOUNCE_DELAY_MS = 100;
/** After a failure was checked, later failures are not checked again for a while, as long as the status that check gave stands. */
const RECHECK_AFTER_MS = 30_000;

export interface StatusTrackerDeps {
  registries: { list(): SavedRegistry[]; get(id: string): SavedRegistry | undefined };
  credentialFor: CredentialFunction;
  views: Pick<RegistryViews, 'status' | 'setStatus' | 'changed'>;
  ping: PingRegistry;
  /** The shared scheduler: background checks take a slot like any registry request. */
  scheduler?: { run<T>(options: TaskOptions, task: Task<T>): Promise<T> };
  announceDelayMs?: number;
  recheckAfterMs?: number;
  now?: () => number;
}

/**
 * Keeps each registry's status true without the user asking: every registry is checked when the
 * app starts (in the background), and the requests the app makes anyway report their outcome. A
 * success with the saved login means "connected as <user>"; a failure that may mean a refused
 * login or a registry gone is looked into with one check (never one per failed request); the
 * built-in Local registry is never checked over the network.
 */
export interface StatusTracker extends RequestOutcomes {
  /** Checks every saved registry, a few at a time through the scheduler; resolves when all are done. */
  checkAll(): Promise<void>;
  /** Stops checking: running checks are cancelled, nothing more is announced. */
  close(): void;
}

export function createStatusTracker(deps: StatusTrackerDeps): StatusTracker {
  const { registries, views, ping } = deps;
  const now = deps.now ?? Date.now;
  const recheckAfter = deps.recheckAfterMs ?? RECHECK_AFTER_MS;
  const stopping = new AbortController();
  /** Registries whose success is being turned into a status (the credential is being read). */
  const confirming = new Set<string>();
  /** Registries being checked because a request failed, and the status such a check last gave, with its time. */
  const verifying = new Set<string>();
  const verified = new Map<string, { status: RegistryStatus; at: number }>();
  let timer: NodeJS.Timeout | undefined;

  const remote = (id: string): SavedRegistry | undefined => {
    const saved = registries.get(id);
    return saved && saved.kind !== 'local-store' ? saved : undefined;
  };

  const announceSoon = async (): Promise<void> => {
    if (timer || stopping.signal.aborted) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopping.signal.aborted) void views.changed().catch(() => undefined);
    }, deps.announceDelayMs ?? ANNOUNCE_DELAY_MS);
    timer.unref();
  };

  const check = (saved: SavedRegistry): Promise<RegistryStatus | undefined> => {
    const task = (signal: AbortSignal) => ping(saved.id, signal, announceSoon);
    const running = deps.scheduler
      ? deps.scheduler.run({ host: saved.host, priority: BACKGROUND, signal: stopping.signal }, task)
      : task(stopping.signal);
    // A cancelled check (quitting) or a registry removed meanwhile leaves nothing to say.
    return running.catch(() => undefined);
  };

  const confirm = async (saved: SavedRegistry): Promise<void> => {
    const credential = await deps.credentialFor(saved.host).catch(() => undefined);
    const current = views.status(saved.id).state;
    if (stopping.signal.aborted || current === 'connected' || !registries.get(saved.id)) return;
    // Without a saved login a success only says that anonymous reads work: it does not answer "login needed".
    if (!credential && current === 'login-needed') return;
    views.setStatus(saved.id, credential ? connectedAs(saved.host, loginName(saved, credential)) : connectedAnonymously(saved.host));
    await announceSoon();
  };

  return {
    async checkAll() {
      await Promise.all(registries.list().filter((saved) => saved.kind !== 'local-store').map(check));
    },

    succeeded(registryId) {
      if (stopping.signal.aborted || confirming.has(registryId) || views.status(registryId).state === 'connected') return;
      const saved = remote(registryId);
      // A read that worked says nothing new about an opened layout: it has no login to confirm.
      if (!saved || isOpenedLayoutKind(saved.kind)) return;
      confirming.add(registryId);
      void confirm(saved).finally(() => confirming.delete(registryId));
    },

    failed(registryId, error) {
      if (stopping.signal.aborted || verifying.has(registryId) || !failureMayChangeStatus(error)) return;
      const state = views.status(registryId).state;
      // A check is running, or the status already says what the failure says.
      if (state === 'checking' || state === 'login-needed' || state === 'unreachable' || state === 'tls-error') return;
      // A login, an edit or a success since then gives a new status: the quiet time ends with it.
      const last = verified.get(registryId);
      if (last && last.status === views.status(registryId) && now() - last.at < recheckAfter) return;
      const saved = remote(registryId);
      if (!saved) return;
      verifying.add(registryId);
      void check(saved).then(() => {
        verifying.delete(registryId);
        verified.set(registryId, { status: views.status(registryId), at: now() });
      });
    },

    close() {
      stopping.abort();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
