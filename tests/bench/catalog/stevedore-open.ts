import { createCatalogService } from '../../../electron/catalog/catalog-service';
import { TRANSFER_LIMITS } from '../../../electron/catalog/catalog-scheduler';
import { createDispatcher } from '../../../electron/oci';
import type { SavedRegistry } from '../../../electron/registries/saved-registry';
import { openAsTheWindowDoes, SummarySink, type CatalogOpened } from '../catalog-open';
import { countingInterceptor, type RouteCounts } from './request-counter';

const REGISTRY_ID = 'bench';

export interface OpenReport extends CatalogOpened {
  manifestFetches: number;
  requests: RouteCounts;
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
  try {
    const opened = await openAsTheWindowDoes(service, sink, REGISTRY_ID, controller.signal);
    return { ...opened, manifestFetches: service.manifestFetches(), requests };
  } finally {
    controller.abort();
  }
}
