import { createCatalogService } from '../../../electron/catalog/catalog-service';
import { localRegistry, LOCAL_REGISTRY_ID } from '../../../electron/registries/local-registry';
import { openAsTheWindowDoes, SummarySink, type CatalogOpened } from '../catalog-open';

/** Opening Local's catalog as the window does, over a data folder that already holds the layouts. */
export interface LocalOpenJob {
  kind: 'open';
  dataDir: string;
}

export type LocalOpenReport = CatalogOpened;

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
  try {
    const opened = await openAsTheWindowDoes(service, sink, LOCAL_REGISTRY_ID, controller.signal);
    // What the app does on quit, so the next open finds the snapshot (untimed).
    await service.flush();
    return opened;
  } finally {
    controller.abort();
  }
}
