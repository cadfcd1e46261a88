import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import type { ArtifactRow, EventSink, Handlers, RepositoryListing, RepositorySummary, TagDate } from '../../shared/contract';
import { ContractError } from '../../shared/contract';
import { toContractError, type ArtifactRegistry, type ArtifactRepository, type CredentialFunction } from '../oci';
import type { TransferScheduler } from '../oci/scheduler/transfer-scheduler';
import type { RegistriesStore } from '../registries/registries-store';
import type { SavedRegistry } from '../registries/saved-registry';
import { ObservedLister } from '../registries/observed-lister';
import { ObservedRegistry } from '../registries/observed-storage';
import { outcomeFor, type RequestOutcomes } from '../registries/request-outcome';
import { DigestCache } from './cache/digest-cache';
import { ManifestCache } from './cache/manifest-cache';
import { SnapshotStore } from './cache/snapshot-store';
import { createTransferScheduler } from './catalog-scheduler';
import { ConfigDates } from './classify/config-dates';
import { buildDetails } from './details/artifact-details';
import { EventBatcher } from './event-batcher';
import { deletePlanned, deleteRefusal, planDelete, type DeletePlan } from './manage/delete-plan';
import { retag } from './manage/retag';
import { listerFor, listingRows, listRepositories, pinnedNamespaces, type ListerOptions } from './listing/list-repositories';
import { RegistryCatalog } from './registry-catalog';
import { RegistryPool } from './registry-pool';
import type { Dispatcher } from 'undici';

export type CatalogHandlers = Pick<
  Handlers,
  'catalog.repositories' | 'catalog.summarise' | 'catalog.tags' | 'catalog.classify' | 'catalog.readDates' | 'catalog.details' | 'catalog.pin' | 'catalog.unpin'
  | 'catalog.retag' | 'catalog.planDelete' | 'catalog.delete'
>;

export interface CatalogServiceDeps {
  registries: Pick<RegistriesStore, 'get' | 'update'>;
  /** The OCI client's credential function (logins.credentials.credentialFor). */
  credentialFor: CredentialFunction;
  dataDir: string;
  events: EventSink;
  scheduler?: TransferScheduler;
  /** Hears how the registry requests went, so each registry's status follows them (the status tracker). */
  outcomes?: RequestOutcomes;
  /** Tests: vendor API base URL and dispatcher (undici MockAgent). */
  listerOptions?: ListerOptions;
  /** Tests: a dispatcher for registry requests. */
  registryDispatcher?: Dispatcher;
  /** Disk cache bound (default 512 MiB). */
  cacheBytes?: number;
}

export interface CatalogService {
  handlers: CatalogHandlers;
  /** The scheduler every registry request goes through; push/pull share it. */
  scheduler: TransferScheduler;
  /** Manifest GETs sent so far (tests, benchmark). */
  manifestFetches(): number;
  /** Image config GETs sent for build dates so far (tests). */
  configFetches(): number;
  /** Writes what the catalog remembers between runs (call on quit; tests). */
  flush(): Promise<void>;
  /** The storage behind a saved registry's repository (publish, download and copy use it). */
  repositoryFor(registryId: string, repository: string): Promise<ArtifactRepository>;
  /**
   * Something landed in (or left) a repository: its listing is added to the cached catalog and its
   * tags are read again, and the renderer hears `catalog.repositoryChanged` so it shows at once.
   */
  noteChanged(registryId: string, repository: string): Promise<void>;
  /** Adds or moves tags onto an artifact (same digest), then notes the change. */
  retag(registryId: string, repository: string, reference: string, tags: readonly string[], signal?: AbortSignal): Promise<{ digest: string; tags: string[] }>;
  /** What deleting a digest removes: every tag on it, and its referrers if asked. */
  planDelete(registryId: string, repository: string, digest: string, withReferrers: boolean, signal?: AbortSignal): Promise<DeletePlan>;
  /** Deletes what `planDelete` names (planned again now), referrers first; refuses where the registry's API cannot. */
  deleteArtifact(registryId: string, repository: string, digest: string, withReferrers: boolean, signal?: AbortSignal): Promise<DeletePlan>;
}

/** The catalog's main-process side: listing, tags, classification streamed as events, details, pins. */
export function createCatalogService(deps: CatalogServiceDeps): CatalogService {
  const scheduler = deps.scheduler ?? createTransferScheduler();
  const cacheDir = join(deps.dataDir, 'cache');
  const bytes = deps.cacheBytes ?? 512 * 1024 * 1024;
  const manifests = new ManifestCache(new DigestCache(join(cacheDir, 'manifests'), { maxBytes: bytes, maxMemoryEntries: 20_000 }), scheduler);
  const facts = new DigestCache(join(cacheDir, 'classified-v1'), { maxBytes: bytes / 8, maxMemoryEntries: 50_000 });
  const configDates = new ConfigDates(new DigestCache(join(cacheDir, 'config-dates-v1'), { maxBytes: bytes / 64, maxMemoryEntries: 20_000 }));
  const snapshots = new SnapshotStore(join(cacheDir, 'catalog-v1'));
  const pool = new RegistryPool(deps.credentialFor, deps.registryDispatcher, deps.dataDir);
  /** Summaries and classifications under way, per registry: the snapshot is saved when they drain. */
  const working = new Map<string, number>();
  const catalogs = new Map<string, { key: string; catalog: RegistryCatalog }>();
  const listings = new Map<string, Promise<RepositoryListing>>();
  const rows = new EventBatcher<ArtifactRow>((batch) => deps.events.emit('catalog.artifacts', batch));
  const dates = new EventBatcher<TagDate>((batch) => deps.events.emit('catalog.dates', batch));
  const summaries = new EventBatcher<RepositorySummary>((batch) => deps.events.emit('catalog.summaries', batch), 50);

  const saved = (id: string): SavedRegistry => {
    const found = deps.registries.get(id);
    if (!found) throw new ContractError('not-found', 'That registry is no longer in the list.');
    return found;
  };

  /** A remote registry's storage, reporting how its requests went; one wrapper per storage, so the catalog is kept. */
  const observedStorage = new WeakMap<ArtifactRegistry, ArtifactRegistry>();
  const storageOf = (registry: SavedRegistry, storage: ArtifactRegistry): ArtifactRegistry => {
    if (!deps.outcomes || registry.kind === 'local-store') return storage;
    let observed = observedStorage.get(storage);
    if (!observed) observedStorage.set(storage, (observed = new ObservedRegistry(storage, outcomeFor(deps.outcomes, registry.id))));
    return observed;
  };

  const catalogFor = async (registry: SavedRegistry): Promise<RegistryCatalog> => {
    const pooled = await pool.get(registry);
    const key = pooled.key;
    const storage = storageOf(registry, pooled.storage);
    const snapshot = await snapshots.get(registry.id, registry.url);
    const known = catalogs.get(registry.id);
    if (known && known.key === key && known.catalog.deps.registry === storage && known.catalog.deps.snapshot === snapshot) return known.catalog;
    const catalog = new RegistryCatalog({
      registryId: registry.id,
      host: registry.host,
      registry: storage,
      listsReferrers: pooled.listsReferrers,
      onDisk: pooled.onDisk,
      scheduler,
      manifests,
      facts,
      configDates,
      snapshot,
    });
    catalogs.set(registry.id, { key, catalog });
    return catalog;
  };

  // Each running request (up to the scheduler's global limit) listens on the caller's signal, plus
  // the scheduler's one listener for all waiting ones: more than Node's default warning level of 10.
  const widen = (signal: AbortSignal) => setMaxListeners(10_000, signal);

  const background = (work: Promise<unknown>) => {
    work.catch(() => undefined);
  };

  const begin = (registryId: string) => working.set(registryId, (working.get(registryId) ?? 0) + 1);
  /**
   * Ends one piece of work; `announce` sends its result. The last piece of a registry's work is
   * announced only once the snapshot is on disk, so whoever waits for every result (the UI, a
   * process about to quit) finds the next open fast.
   */
  const end = (registryId: string, announce: () => void): void => {
    const left = (working.get(registryId) ?? 1) - 1;
    if (left > 0) {
      working.set(registryId, left);
      announce();
      return;
    }
    working.delete(registryId);
    void snapshots.save(registryId).then(announce);
  };

  const updatePins = (registryId: string, change: (pins: string[]) => string[]) =>
    deps.registries.update(registryId, (r) => ({ ...r, pinnedRepositories: change(r.pinnedRepositories) })).then(() => {
      listings.delete(registryId);
      return null;
    });

  const handlers: CatalogHandlers = {
    'catalog.repositories': async ({ registryId, refresh }, { signal }) => {
      const registry = saved(registryId);
      let listing = listings.get(registryId);
      if (!listing && !refresh) {
        const stored = await snapshots.get(registryId, registry.url);
        if (stored.listing) {
          listing = Promise.resolve({ registryId, repositories: listingRows(registry, stored.listing.names), source: stored.listing.source });
          listings.set(registryId, listing);
        }
      }
      if (!listing || refresh) {
        const catalog = await catalogFor(registry).catch(() => undefined);
        if (!catalog) {
          const problem = 'The registry’s settings cannot be used (its CA certificate file cannot be read): edit the registry.';
          return { registryId, repositories: registry.pinnedRepositories.map((name) => ({ registryId, name, pinned: true })), source: 'pinned', problem };
        }
        const kindLister = listerFor(registry, catalog.deps.registry, {
          baseUrl: registry.url,
          host: registry.host,
          credential: () => deps.credentialFor(registry.host),
          namespaces: pinnedNamespaces(registry.pinnedRepositories),
        }, deps.listerOptions);
        const lister = deps.outcomes && registry.kind !== 'local-store' ? new ObservedLister(kindLister, outcomeFor(deps.outcomes, registryId)) : kindLister;
        const snapshot = catalog.deps.snapshot;
        listing = listRepositories(registry, lister, signal, (names, source) => {
          snapshot?.setListing(source, names);
          void snapshots.save(registryId);
        });
        listings.set(registryId, listing);
        listing.then(
          (l) => l.problem && listings.get(registryId) === listing && listings.delete(registryId),
          () => listings.get(registryId) === listing && listings.delete(registryId),
        );
      }
      return listing;
    },

    'catalog.summarise': async ({ registryId, repositories, refresh }, { signal }) => {
      const catalog = await catalogFor(saved(registryId));
      widen(signal);
      for (const repository of repositories) {
        begin(registryId);
        background(
          catalog.summarise(repository, refresh ?? false, signal).then(
            (summary) => end(registryId, () => summaries.push(summary)),
            (error: unknown) =>
              end(registryId, () => {
                if (!signal.aborted) summaries.push({ registryId, repository, tagCount: 0, kinds: {}, problem: toContractError(error).message });
              }),
          ),
        );
      }
      return null;
    },

    'catalog.tags': async ({ registryId, repository, refresh }, { signal }) => {
      const catalog = await catalogFor(saved(registryId));
      return catalog.tags(repository, refresh ?? false, signal);
    },

    'catalog.classify': async ({ registryId, repository, tags, refresh }, { signal }) => {
      const catalog = await catalogFor(saved(registryId));
      widen(signal);
      begin(registryId);
      const work = catalog.classify(repository, tags, refresh ?? false, (row) => rows.push(row), signal);
      background(work);
      void work.then(
        () => end(registryId, () => rows.flush()),
        () => end(registryId, () => rows.flush()),
      );
      return null;
    },

    'catalog.readDates': async ({ registryId, repository, tags }, { signal }) => {
      const catalog = await catalogFor(saved(registryId));
      widen(signal);
      for (const tag of tags) {
        begin(registryId);
        background(
          catalog.tagDate(repository, tag, signal).then(
            (date) => end(registryId, () => date && !signal.aborted && dates.push(date)),
            // The tag's row already shows why it could not be read; its date cell stays empty.
            () => end(registryId, () => undefined),
          ),
        );
      }
      return null;
    },

    'catalog.details': async ({ registryId, repository, reference }, { signal }) => {
      const registry = saved(registryId);
      return buildDetails(await catalogFor(registry), registry, repository, reference, signal);
    },

    'catalog.pin': async ({ registryId, repository }) => {
      saved(registryId);
      return updatePins(registryId, (pins) => (pins.includes(repository) ? pins : [...pins, repository]));
    },

    'catalog.unpin': async ({ registryId, repository }) => {
      saved(registryId);
      return updatePins(registryId, (pins) => pins.filter((p) => p !== repository));
    },

    // Retag and delete (defined below, with the service methods they share).
    'catalog.retag': ({ registryId, repository, reference, tags }, { signal }) => retagArtifact(registryId, repository, reference, tags, signal),
    'catalog.planDelete': ({ registryId, repository, digest, referrers }, { signal }) => plan(registryId, repository, digest, referrers, signal),
    'catalog.delete': ({ registryId, repository, digest, referrers }, { signal }) => deleteArtifact(registryId, repository, digest, referrers, signal),
  };

  const repositoryFor = async (registryId: string, repository: string): Promise<ArtifactRepository> =>
    (await catalogFor(saved(registryId))).repository(repository);

  const noteChanged = async (registryId: string, repository: string): Promise<void> => {
    const registry = saved(registryId);
    const catalog = await catalogFor(registry);
    catalog.forget(repository);
    const listing = await listings.get(registryId)?.catch(() => undefined);
    if (listing && !listing.repositories.some((row) => row.name === repository)) {
      const names = [...listing.repositories.filter((row) => !row.pinned).map((row) => row.name), repository];
      listings.set(registryId, Promise.resolve({ ...listing, repositories: listingRows(registry, names) }));
      if (listing.source !== 'pinned') catalog.deps.snapshot?.setListing(listing.source, names);
    }
    await snapshots.save(registryId);
    deps.events.emit('catalog.repositoryChanged', { registryId, repository });
  };

  const contractErrors = <T>(work: Promise<T>): Promise<T> =>
    work.catch((error: unknown) => {
      throw toContractError(error);
    });

  const retagArtifact = async (registryId: string, repository: string, reference: string, tags: readonly string[], signal?: AbortSignal) => {
    const catalog = await catalogFor(saved(registryId));
    const result = await contractErrors(retag(catalog.repository(repository), reference, tags, signal));
    catalog.learnTags(repository, result.tags, result.digest);
    await noteChanged(registryId, repository);
    return result;
  };

  const plan = async (registryId: string, repository: string, digest: string, withReferrers: boolean, signal?: AbortSignal) => {
    const registry = saved(registryId);
    const refusal = deleteRefusal(registry, repository);
    if (refusal) throw new ContractError('denied', refusal);
    if (!(await contractErrors((await pool.get(registry)).deletes(repository, signal)))) {
      throw new ContractError('denied', `${registry.name} refuses deletes in ${repository} (it refused a test delete of a digest that does not exist): deletes may be switched off there (Distribution: storage.delete.enabled) or your login may lack the delete permission. Ask its administrator.`);
    }
    return contractErrors(planDelete(await catalogFor(registry), repository, digest, withReferrers, signal));
  };

  const deleteArtifact = async (registryId: string, repository: string, digest: string, withReferrers: boolean, signal?: AbortSignal) => {
    const planned = await plan(registryId, repository, digest, withReferrers, signal);
    await contractErrors(deletePlanned(await catalogFor(saved(registryId)), planned, signal));
    await noteChanged(registryId, repository);
    return planned;
  };

  return {
    handlers,
    scheduler,
    retag: retagArtifact,
    planDelete: plan,
    deleteArtifact,
    manifestFetches: () => manifests.fetches,
    configFetches: () => configDates.fetches,
    flush: () => snapshots.flush(),
    repositoryFor,
    noteChanged,
  };
}
