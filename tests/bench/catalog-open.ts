import type { EventName, EventPayload, EventSink, RepositorySummary } from '../../shared/contract';
import type { CatalogService } from '../../electron/catalog/catalog-service';

/** The renderer's summary batch size (renderer/src/state/catalog-batcher.ts, maxBatch). */
export const UI_BATCH = 500;

/** What opening a registry's catalog as the window does took and found. */
export interface CatalogOpened {
  /** catalog.repositories until every repository's catalog.summaries event has arrived. */
  ms: number;
  /** catalog.repositories alone. */
  listMs: number;
  repositories: number;
  summaries: number;
  tags: number;
  kinds: Record<string, number>;
  /** The first five repositories' problems. */
  problems: string[];
}

/** Collects catalog.summaries as the renderer would receive them: give it to the catalog service as its events. */
export class SummarySink implements EventSink {
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
 * The window's open: `catalog.repositories`, then `catalog.summarise` for every repository in the
 * renderer's batches, without refresh, until `sink` (the service's events) has a summary of each.
 */
export async function openAsTheWindowDoes(service: CatalogService, sink: SummarySink, registryId: string, signal: AbortSignal): Promise<CatalogOpened> {
  const ctx = { signal };
  const started = performance.now();
  const listing = await service.handlers['catalog.repositories']({ registryId }, ctx);
  if (listing.problem) throw new Error(`Listing failed: ${listing.problem}`);
  const listMs = performance.now() - started;
  const names = listing.repositories.map((r) => r.name);
  const done = sink.until(names.length);
  for (let i = 0; i < names.length; i += UI_BATCH) {
    await service.handlers['catalog.summarise']({ registryId, repositories: names.slice(i, i + UI_BATCH) }, ctx);
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
  return { ms, listMs, repositories: names.length, summaries: sink.byRepository.size, tags, kinds, problems };
}
