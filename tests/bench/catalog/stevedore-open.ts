import type { EventName, EventPayload, EventSink, RepositorySummary } from '../../../shared/contract';
import { createCatalogService } from '../../../electron/catalog/catalog-service';
import { TRANSFER_LIMITS } from '../../../electron/catalog/catalog-scheduler';
import { createDispatcher } from '../../../electron/oci';
import type { SavedRegistry } from '../../../electron/registries/saved-registry';
import { countingInterceptor, type RouteCounts } from './request-counter';

/** The renderer's summary batch size (renderer/src/state/catalog-batcher.ts, maxBatch). */
export const UI_BATCH = 500;
const REGISTRY_ID = 'bench';

export interface OpenReport {
  /** catalog.repositories until every catalog.summaries event has arrived. */
  ms: number;
  listMs: number;
  repositories: number;
  summaries: number;
  tags: number;
  kinds: Record<string, number>;
  problems: string[];
  manifestFetches: number;
  requests: RouteCounts;
}

/** Collects catalog.summaries as the renderer would receive them. */
class SummarySink implements EventSink {
  readonly byRepository = new Map<string, RepositorySummary>();
  private waiter: { want: number; resolve: () => void } | undefined;

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    if (name !== 'catalog.summaries') return;
    for (const summary of payload as RepositorySummary[]) this.byRepository.set(summary.repository, summary);
    if (this.waiter && this.byRepository.size >= this.waiter.want) this.waiter.resolve();
  }

  until(want: number): Promise<void> {
    if (this.byRepository.size >= want) return Promise.resolve();
    return new Promise((resolve) => (this.waiter = { want, resolve }));
  }
}

/**
 * Opens the catalog as the app does: a catalog service over `dataDir` (its disk cache), the
 * registry listed, then every repository summarised in the UI's batches, without refresh.
 */
export async function openCatalog(registry: { url: string; host: string }, dataDir: string): Promise<OpenReport> {
  const saved: SavedRegistry = {
    id: REGISTRY_ID, name: 'Bench', url: registry.url, host: registry.host, kind: 'local', insecure: false,
    accounts: [], pinnedRepositories: [], useDockerCredentials: false,
  };
  const requests: RouteCounts = {};
  const sink = new SummarySink();
  const service = createCatalogService({
    registries: { get: (id) => (id === REGISTRY_ID ? saved : undefined), update: async () => saved },
    credentialFor: async () => undefined,
    dataDir,
    events: sink,
    // The client's own dispatcher (same connection cap), only counted.
    registryDispatcher: createDispatcher({ connections: TRANSFER_LIMITS.maxPerHost }).compose(countingInterceptor(requests)),
  });
  const controller = new AbortController();
  const ctx = { signal: controller.signal };
  try {
    const started = performance.now();
    const listing = await service.handlers['catalog.repositories']({ registryId: REGISTRY_ID }, ctx);
    if (listing.problem) throw new Error(`Listing failed: ${listing.problem}`);
    const listMs = performance.now() - started;
    const names = listing.repositories.map((r) => r.name);
    const done = sink.until(names.length);
    for (let i = 0; i < names.length; i += UI_BATCH) {
      await service.handlers['catalog.summarise']({ registryId: REGISTRY_ID, repositories: names.slice(i, i + UI_BATCH) }, ctx);
    }
    await done;
    const ms = performance.now() - started;
    const kinds: Record<string, number> = {};
    const problems: string[] = [];
    let tags = 0;
    for (const summary of sink.byRepository.values()) {
      tags += summary.tagCount;
      for (const [kind, n] of Object.entries(summary.kinds)) kinds[kind] = (kinds[kind] ?? 0) + (n ?? 0);
      if (summary.problem && problems.length < 5) problems.push(`${summary.repository}: ${summary.problem}`);
    }
    return { ms, listMs, repositories: names.length, summaries: sink.byRepository.size, tags, kinds, problems, manifestFetches: service.manifestFetches(), requests };
  } finally {
    controller.abort();
  }
}
