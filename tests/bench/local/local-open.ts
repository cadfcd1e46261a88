import type { EventName, EventPayload, EventSink, RepositorySummary } from '../../../shared/contract';
import { createCatalogService } from '../../../electron/catalog/catalog-service';
import { localRegistry, LOCAL_REGISTRY_ID } from '../../../electron/registries/local-registry';
import { UI_BATCH } from '../catalog/stevedore-open';

/** Opening Local's catalog as the window does, over a data folder that already holds the layouts. */
export interface LocalOpenJob {
  kind: 'open';
  dataDir: string;
}

export interface LocalOpenReport {
  /** catalog.repositories until every repository's catalog.summaries event has arrived. */
  ms: number;
  /** catalog.repositories alone. */
  listMs: number;
  repositories: number;
  tags: number;
  kinds: Record<string, number>;
  problems: string[];
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
 * A catalog service over `dataDir` (its disk cache and Local's folder), Local listed, then every
 * repository summarised in the renderer's batches, without refresh: the first open after the
 * layouts appear is cold (no cache), the next one warm.
 */
export async function openLocalCatalog(job: LocalOpenJob): Promise<LocalOpenReport> {
  const saved = localRegistry(job.dataDir);
  const sink = new SummarySink();
  const service = createCatalogService({
    registries: { get: (id) => (id === LOCAL_REGISTRY_ID ? saved : undefined), update: async () => saved },
    credentialFor: async () => undefined,
    dataDir: job.dataDir,
    events: sink,
  });
  const controller = new AbortController();
  const ctx = { signal: controller.signal };
  try {
    const started = performance.now();
    const listing = await service.handlers['catalog.repositories']({ registryId: LOCAL_REGISTRY_ID }, ctx);
    if (listing.problem) throw new Error(`Listing failed: ${listing.problem}`);
    const listMs = performance.now() - started;
    const names = listing.repositories.map((r) => r.name);
    const done = sink.until(names.length);
    for (let i = 0; i < names.length; i += UI_BATCH) {
      await service.handlers['catalog.summarise']({ registryId: LOCAL_REGISTRY_ID, repositories: names.slice(i, i + UI_BATCH) }, ctx);
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
    // What the app does on quit, so the next open finds the snapshot (untimed).
    await service.flush();
    return { ms, listMs, repositories: names.length, tags, kinds, problems };
  } finally {
    controller.abort();
  }
}
