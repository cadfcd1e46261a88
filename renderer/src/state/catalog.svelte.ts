import type { ArtifactRow, RegistryState, RegistryView, RepositoryListing, RepositorySummary } from '../../../shared/contract';
import { call, messageOf, on, onReconnect } from '../lib/api';
import { Batcher } from './catalog-batcher';
import { AskedOnce, CatalogCache, EntryIndex } from './catalog-cache';
import { FrameQueue } from './catalog-frame-queue';
import { entryKey, kindMask, KindCounts, maskOfKinds, QueryFilter, searchText, type FilterKind, type RepositoryEntry } from './catalog-filter';
import { ALL_REGISTRIES, type CatalogView } from './catalog-view';
import { registries } from './registries.svelte';

export interface ListingState {
  loading: boolean;
  source?: RepositoryListing['source'];
  /** Why the registry could not be listed (a failed call or the listing's own problem). */
  problem?: string;
}

/**
 * The catalog across registries: which registries are in view, their repositories, what each
 * holds (streamed summaries), the kind filter and the search. Filtering is derived state over
 * lists computed once per listing, so typing never waits on the main process.
 */
export class CatalogState {
  /** `all` or a registry id; the sidebar may call `select`. */
  scope = $state<string>(ALL_REGISTRIES);
  #query = $state('');
  /** Set by a keystroke, cleared by the next frame that looks: summaries stay out of that frame. */
  private typedThisFrame = false;
  selectedKinds = $state<FilterKind[]>([]);
  view = $state<CatalogView>({ name: 'list' });
  listings = $state<Record<string, ListingState>>({});
  /** Set when asking for summaries failed (e.g. the main process cannot classify yet). */
  summariseProblem = $state<string | null>(null);
  /** Bumped whenever summaries or artifact rows arrive; readers depend on it, the maps stay plain. */
  summaryVersion = $state(0);
  artifactVersion = $state(0);

  private entriesByRegistry = $state.raw<Record<string, readonly RepositoryEntry[]>>({});
  private entryIndex = new EntryIndex();
  private cache = new CatalogCache();
  /** The last connection state seen per registry. */
  private lastState: Record<string, RegistryState> = {};
  private askedSummaries = new AskedOnce();
  /** Registries whose next summarise call passes `refresh: true`. */
  private refreshing: string[] = [];
  private history: CatalogView[] = [];
  private queryFilter = new QueryFilter<RepositoryEntry>();
  private counts = new KindCounts();
  private lastCounts: Partial<Record<FilterKind, number>> = {};
  private stopListening: Array<() => void> = [];
  /** Open views of one repository (its tags, an artifact) that reload when it changes. */
  private repositoryWatchers: Array<{ key: string; reload: () => void }> = [];
  private summaryBatcher = new Batcher((registryId, names) => void this.summarise(registryId, names));
  /** Summaries land once per frame, not inside whatever handler (a keystroke's, say) runs when they arrive. */
  private summaryQueue = new FrameQueue<RepositorySummary>((batch) => this.mergeSummaries(batch), { busy: () => this.takeTyped() });
  /**
   * The last scope and its entries, handed out again while unchanged: a registry's status update
   * must not hand the search a new 100,000-entry array (which would make it scan from scratch).
   */
  private lastScopeIds: readonly string[] = [];
  private lastScoped: { lists: readonly (readonly RepositoryEntry[])[]; entries: readonly RepositoryEntry[] } = { lists: [], entries: [] };

  readonly registryIds = $derived(registries.items.map((r) => r.id));
  readonly scopeIds = $derived.by(() => {
    const ids = this.scope === ALL_REGISTRIES ? this.registryIds : this.registryIds.filter((id) => id === this.scope);
    if (!sameItems(ids, this.lastScopeIds)) this.lastScopeIds = ids;
    return this.lastScopeIds;
  });
  readonly scoped = $derived.by(() => {
    const lists = this.scopeIds.map((id) => this.entriesByRegistry[id] ?? []);
    if (!sameItems(lists, this.lastScoped.lists)) this.lastScoped = { lists, entries: lists.length === 1 ? (lists[0] ?? []) : lists.flat() };
    return this.lastScoped.entries;
  });
  readonly searched = $derived(this.queryFilter.apply(this.scoped, this.query));
  readonly visible = $derived.by(() => {
    const wanted = maskOfKinds(this.selectedKinds);
    const searched = this.searched;
    if (wanted === 0) return searched;
    void this.summaryVersion;
    const out: RepositoryEntry[] = [];
    for (const e of searched) if ((e.kindMask & wanted) !== 0) out.push(e);
    return out;
  });
  /** Repositories in scope holding each kind, among those summarised so far. */
  readonly kindCounts = $derived.by(() => {
    void this.summaryVersion;
    const counts = this.counts.over(this.scopeIds);
    if (!sameCounts(counts, this.lastCounts)) this.lastCounts = counts;
    return this.lastCounts;
  });
  readonly unsummarisedInScope = $derived.by(() => {
    void this.summaryVersion;
    let n = 0;
    for (const e of this.scoped) if (!this.cache.summaries.has(e.key)) n += 1;
    return n;
  });
  readonly anyLoading = $derived(this.scopeIds.some((id) => this.listings[id]?.loading));

  get query(): string {
    return this.#query;
  }

  set query(value: string) {
    this.#query = value;
    this.typedThisFrame = true;
  }

  private takeTyped(): boolean {
    const typed = this.typedThisFrame;
    this.typedThisFrame = false;
    return typed;
  }

  start(): void {
    if (this.stopListening.length > 0) return;
    this.stopListening.push(
      on('catalog.summaries', (batch) => this.summaryQueue.push(batch)),
      on('catalog.artifacts', (batch) => this.mergeArtifacts(batch)),
      on('catalog.repositoryChanged', ({ registryId, repository }) => this.repositoryChanged(registryId, repository)),
      onReconnect(() => this.refresh()),
    );
  }

  stop(): void {
    for (const stop of this.stopListening) stop();
    this.stopListening = [];
    this.summaryBatcher.cancel();
    this.summaryQueue.cancel();
  }

  /**
   * Something was published to this repository: the main process has already added it to its
   * listing and forgotten its tags. Its row and summary are read again, and open views of it
   * reload, without a Refresh of the whole catalog.
   */
  repositoryChanged(registryId: string, repository: string): void {
    if (!this.listings[registryId]) return;
    void this.loadListing(registryId, false);
    const key = entryKey(registryId, repository);
    this.askedSummaries.first(key);
    void call('catalog.summarise', { registryId, repositories: [repository], refresh: true }).catch((error: unknown) => (this.summariseProblem = messageOf(error)));
    for (const watcher of this.repositoryWatchers) if (watcher.key === key) watcher.reload();
  }

  /** An open view of a repository reloads when it changes; returns the unsubscribe. */
  watchRepository(registryId: string, repository: string, reload: () => void): () => void {
    const watcher = { key: entryKey(registryId, repository), reload };
    this.repositoryWatchers.push(watcher);
    return () => {
      this.repositoryWatchers = this.repositoryWatchers.filter((w) => w !== watcher);
    };
  }

  /** The hook for the sidebar: show one registry, or `all`. */
  select(scope: string): void {
    this.scope = scope;
    this.open({ name: 'list' }, true);
  }

  /**
   * Loads listings for registries not seen yet, lists again a registry that has just connected
   * (after a login, say) when its last listing failed, and forgets removed ones.
   */
  syncRegistries(views: readonly RegistryView[]): void {
    const ids = views.map((r) => r.id);
    for (const view of views) {
      const before = this.lastState[view.id];
      this.lastState[view.id] = view.status.state;
      const listing = this.listings[view.id];
      if (!listing) void this.loadListing(view.id, false);
      else if (before !== undefined && before !== 'connected' && view.status.state === 'connected' && listing.problem) void this.loadListing(view.id, true);
    }
    for (const id of Object.keys(this.listings)) if (!ids.includes(id)) this.forget(id);
    if (this.scope !== ALL_REGISTRIES && !ids.includes(this.scope)) this.scope = ALL_REGISTRIES;
  }

  /** Explicit refresh: listings, summaries and artifact rows in scope are fetched again. */
  refresh(): void {
    for (const id of this.scopeIds) {
      if (!this.refreshing.includes(id)) this.refreshing.push(id);
      this.askedSummaries.forget((key) => key.startsWith(`${id} `));
      void this.loadListing(id, true);
    }
    this.summaryVersion += 1;
  }

  async loadListing(registryId: string, refresh: boolean): Promise<void> {
    this.listings[registryId] = { ...this.listings[registryId], loading: true };
    try {
      const listing = await call('catalog.repositories', { registryId, refresh });
      const entries = this.toEntries(listing);
      this.entryIndex.remove(this.entriesByRegistry[registryId] ?? []);
      this.entryIndex.add(entries);
      this.entriesByRegistry = { ...this.entriesByRegistry, [registryId]: entries };
      this.listings[registryId] = { loading: false, source: listing.source, problem: listing.problem };
    } catch (error) {
      this.listings[registryId] = { loading: false, problem: messageOf(error) };
    }
  }

  private toEntries(listing: RepositoryListing): RepositoryEntry[] {
    const registryName = this.registryName(listing.registryId);
    return listing.repositories.map((r) => {
      const key = entryKey(r.registryId, r.name);
      return { key, registryId: r.registryId, name: r.name, pinned: r.pinned, search: searchText(r.name, registryName), kindMask: kindMask(this.cache.summaries.get(key)) };
    });
  }

  isPinned(registryId: string, repository: string): boolean {
    return (this.entriesByRegistry[registryId] ?? []).some((e) => e.name === repository && e.pinned);
  }

  registryName(id: string): string {
    return registries.items.find((r) => r.id === id)?.name ?? id;
  }

  summaryOf(registryId: string, repository: string): RepositorySummary | undefined {
    void this.summaryVersion;
    return this.cache.summaries.get(entryKey(registryId, repository));
  }

  artifactOf(registryId: string, repository: string, tag: string): ArtifactRow | undefined {
    void this.artifactVersion;
    return this.cache.artifacts.get(CatalogCache.artifactKey(registryId, repository, tag));
  }

  /** Rows on screen (plus a margin) ask for their summary once. */
  wantSummaries(entries: readonly RepositoryEntry[]): void {
    for (const e of entries) {
      if (this.cache.summaries.has(e.key) && !this.refreshing.includes(e.registryId)) continue;
      if (this.askedSummaries.first(e.key)) this.summaryBatcher.add(e.registryId, e.name);
    }
  }

  private async summarise(registryId: string, repositories: string[]): Promise<void> {
    const refresh = this.refreshing.includes(registryId);
    this.refreshing = this.refreshing.filter((id) => id !== registryId);
    try {
      await call('catalog.summarise', { registryId, repositories, refresh });
      this.summariseProblem = null;
    } catch (error) {
      this.summariseProblem = messageOf(error);
    }
  }

  private mergeSummaries(batch: RepositorySummary[]): void {
    // One at a time, so a repository twice in a batch is counted against its previous summary.
    for (const s of batch) {
      this.counts.replace(s.registryId, this.cache.summaries.get(entryKey(s.registryId, s.repository)), s);
      this.cache.putSummaries([s]);
    }
    this.entryIndex.applySummaries(batch);
    this.summaryVersion += 1;
  }

  private mergeArtifacts(batch: ArtifactRow[]): void {
    this.cache.putArtifacts(batch);
    this.artifactVersion += 1;
  }

  /** Drops cached artifact rows of one repository (its explicit refresh). */
  forgetArtifacts(registryId: string, repository: string): void {
    this.cache.forgetArtifacts(registryId, repository);
    this.artifactVersion += 1;
  }

  toggleKind(kind: FilterKind): void {
    this.selectedKinds = this.selectedKinds.includes(kind) ? this.selectedKinds.filter((k) => k !== kind) : [...this.selectedKinds, kind];
  }

  clearKinds(): void {
    this.selectedKinds = [];
  }

  async pin(registryId: string, repository: string): Promise<void> {
    await call('catalog.pin', { registryId, repository });
    await this.loadListing(registryId, false);
  }

  async unpin(registryId: string, repository: string): Promise<void> {
    await call('catalog.unpin', { registryId, repository });
    await this.loadListing(registryId, false);
  }

  open(view: CatalogView, replace = false): void {
    if (!replace) this.history.push(this.view);
    else this.history = [];
    this.view = view;
  }

  back(): void {
    this.view = this.history.pop() ?? { name: 'list' };
  }

  private forget(registryId: string): void {
    delete this.listings[registryId];
    this.entryIndex.remove(this.entriesByRegistry[registryId] ?? []);
    const { [registryId]: _dropped, ...rest } = this.entriesByRegistry;
    this.entriesByRegistry = rest;
  }
}

export const catalog = new CatalogState();

function sameCounts(a: Partial<Record<FilterKind, number>>, b: Partial<Record<FilterKind, number>>): boolean {
  const keys = Object.keys(a) as FilterKind[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
