import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArtifactRow, EventName, EventPayload, EventSink, RepositorySummary, TagDate } from '../../../shared/contract';
import { createCatalogService, type CatalogService, type CatalogServiceDeps } from '../../../electron/catalog/catalog-service';
import { openRegistriesStore, type RegistriesStore } from '../../../electron/registries/registries-store';

/** Collects the events the service emits, for assertions. */
export class RecordingSink implements EventSink {
  readonly rows: ArtifactRow[] = [];
  readonly summaries: RepositorySummary[] = [];
  readonly dates: TagDate[] = [];
  readonly batches: { name: EventName; size: number }[] = [];

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    if (name === 'catalog.artifacts') this.rows.push(...(payload as ArtifactRow[]));
    if (name === 'catalog.summaries') this.summaries.push(...(payload as RepositorySummary[]));
    if (name === 'catalog.dates') this.dates.push(...(payload as TagDate[]));
    this.batches.push({ name, size: Array.isArray(payload) ? payload.length : 1 });
  }
}

export async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface CatalogFixture {
  dataDir: string;
  store: RegistriesStore;
  sink: RecordingSink;
  service: CatalogService;
  ctx: { signal: AbortSignal };
  close(): Promise<void>;
}

/** A catalog service over a real registries store in a temp data folder, with one registry saved. */
export async function catalogFixture(registry: { id?: string; url: string; host: string; kind?: 'local' | 'generic' }, options: { dataDir?: string } & Partial<CatalogServiceDeps> = {}): Promise<CatalogFixture> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'catalog-')));
  const store = await openRegistriesStore(dataDir);
  const id = registry.id ?? 'local';
  if (!store.get(id)) {
    await store.add({ id, name: 'Local', url: registry.url, host: registry.host, kind: registry.kind ?? 'local', insecure: false, accounts: [], pinnedRepositories: [], useDockerCredentials: false });
  }
  const sink = new RecordingSink();
  const controller = new AbortController();
  const service = createCatalogService({ registries: store, credentialFor: async () => undefined, dataDir, events: sink, ...options });
  return {
    dataDir,
    store,
    sink,
    service,
    ctx: { signal: controller.signal },
    async close() {
      controller.abort();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
