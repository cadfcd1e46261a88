import { foldReferrerTags, sortTags, tagSchemaTagFor, type KindId } from '../../shared/artifacts';
import { ContractError, type ArtifactRow, type RepositorySummary, type TagDate, type TagListing } from '../../shared/contract';
import { toContractError, type ArtifactRegistry, type ArtifactRepository } from '../oci';
import type { TransferScheduler } from '../oci/scheduler/transfer-scheduler';
import type { DigestCache } from './cache/digest-cache';
import type { CachedManifest, ManifestCache, ManifestSource } from './cache/manifest-cache';
import type { RegistrySnapshot } from './cache/snapshot-store';
import type { ConfigDate, ConfigDates } from './classify/config-dates';
import { imageCreated } from './classify/created-date';
import { decodeFacts, factsOf, parseJson, type DigestFacts } from './classify/digest-facts';
import { readBlobBytes } from './details/blob-bytes';
import { cosignTagReferrers, descriptorReferrers, mergeReferrers, type ReferrerEntry } from './classify/repository-referrers';

export interface RegistryCatalogDeps {
  registryId: string;
  host: string;
  registry: ArtifactRegistry;
  /** The storage is files on this disk (see PooledRegistry.onDisk): its manifests are not copied into the disk cache. */
  onDisk?: boolean;
  /** Whether the storage lists referrers itself (see PooledRegistry.listsReferrers). */
  listsReferrers: (repository: string, signal?: AbortSignal) => Promise<boolean>;
  scheduler: TransferScheduler;
  manifests: ManifestCache;
  facts: DigestCache;
  /** Build dates of image configs, by config digest. */
  configDates: ConfigDates;
  /** The last run's listing of this registry: served until an explicit refresh. */
  snapshot?: RegistrySnapshot;
}

interface RepoState {
  listing?: Promise<TagListing>;
  /** tag → digest, as last resolved (this run, or the snapshot of the last one). */
  digests: Map<string, string>;
  /** Tags being resolved now: concurrent asks share one request. */
  resolving: Map<string, Promise<string>>;
  /** Referrers per subject digest for the current listing. */
  referrers?: Promise<Map<string, ReferrerEntry[]>>;
}

/** Bulk classification runs below interactive requests (details, tags) in the scheduler. */
const BACKGROUND = -1;
const MAX_SUMMARISED_TAGS = 2000;

/**
 * The catalog of one registry: tags, classification and referrers, every request through the
 * shared scheduler and everything addressed by digest through the caches.
 */
export class RegistryCatalog {
  private readonly repos = new Map<string, RepoState>();
  private readonly factsInFlight = new Map<string, Promise<DigestFacts>>();
  /** Whether the registry has the referrers API: probed once, shared by concurrent callers. */
  private referrersSupport: Promise<boolean> | undefined;

  constructor(readonly deps: RegistryCatalogDeps) {}

  repository(name: string): ArtifactRepository {
    return this.deps.registry.repository(name);
  }

  private state(repository: string): RepoState {
    let state = this.repos.get(repository);
    if (!state) {
      const stored = this.deps.snapshot?.repository(repository);
      state = { digests: new Map(Object.entries(stored?.digests ?? {})), resolving: new Map() };
      if (stored?.tags) {
        state.listing = Promise.resolve({ registryId: this.deps.registryId, repository, tags: [...stored.tags], referrerTags: { ...stored.referrerTags } });
      }
      this.repos.set(repository, state);
    }
    return state;
  }

  private run<T>(task: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal, priority = 0): Promise<T> {
    return this.deps.scheduler.run({ host: this.deps.host, priority, ...(signal ? { signal } : {}) }, task);
  }

  /** Something was pushed to (or removed from) this repository: its tag listing is read again next time. */
  forget(repository: string): void {
    const state = this.repos.get(repository);
    if (!state) return;
    state.listing = undefined;
    state.referrers = undefined;
  }

  /** Tags that now point at `digest` (a retag): remembered as such, so a moved tag never shows its old digest. */
  learnTags(repository: string, tags: readonly string[], digest: string): void {
    const state = this.state(repository);
    for (const tag of tags) {
      state.digests.set(tag, digest);
      this.deps.snapshot?.setDigest(repository, tag, digest);
    }
  }

  /** Every tag (all pages), referrer tags folded out, semver-aware newest first. */
  tags(repository: string, refresh: boolean, signal?: AbortSignal): Promise<TagListing> {
    const state = this.state(repository);
    if (!state.listing || refresh) {
      const repo = this.repository(repository);
      const listing = this.run((s) => repo.allTags({ signal: s }), signal).then((all) => {
        const folded = foldReferrerTags(all);
        const referrerTags: Record<string, string[]> = {};
        for (const group of folded.referrers) referrerTags[group.digest] = group.tags.map((t) => t.tag);
        const result: TagListing = { registryId: this.deps.registryId, repository, tags: sortTags(folded.tags), referrerTags };
        this.deps.snapshot?.setTags(repository, result);
        return result;
      });
      listing.catch(() => {
        if (state.listing === listing) state.listing = undefined;
      });
      state.listing = listing;
      state.referrers = undefined;
    }
    return state.listing.catch((error: unknown) => {
      throw toContractError(error);
    });
  }

  /**
   * The digest a tag points at. Known (this run or the snapshot) and no refresh: no request.
   * Known and refresh: HEAD revalidates it. Unknown: GET by tag, which also brings the manifest.
   */
  resolve(repository: string, tag: string, refresh: boolean, signal?: AbortSignal, priority = 0): Promise<string> {
    const state = this.state(repository);
    const known = state.digests.get(tag);
    if (known && !refresh) return Promise.resolve(known);
    const key = `${known ? 'head' : 'get'}:${tag}`;
    const pending = state.resolving.get(key);
    if (pending) return pending;
    const repo = this.repository(repository);
    const resolved = (async () => {
      const digest = known
        ? (await this.run((s) => repo.manifests().resolve(tag, s), signal, priority)).digest
        : (await this.deps.manifests.getByTag(this.manifestSource(repo), tag, signal, priority)).digest;
      state.digests.set(tag, digest);
      this.deps.snapshot?.setDigest(repository, tag, digest);
      return digest;
    })().finally(() => state.resolving.delete(key));
    state.resolving.set(key, resolved);
    return resolved;
  }

  private manifestSource(repository: ArtifactRepository): ManifestSource {
    return { repository, host: this.deps.host, onDisk: this.deps.onDisk ?? false };
  }

  manifest(repository: string, digest: string, signal?: AbortSignal, priority = 0): Promise<CachedManifest> {
    return this.deps.manifests.get(this.manifestSource(this.repository(repository)), digest, signal, priority);
  }

  /** Classification facts of a digest: cached on disk, computed once even when asked concurrently. */
  facts(repository: string, digest: string, signal?: AbortSignal, priority = 0): Promise<DigestFacts> {
    const pending = this.factsInFlight.get(digest);
    if (pending) return pending;
    const load = (async () => {
      const stored = await this.deps.facts.get(digest);
      const cached = stored && decodeFacts(stored);
      if (cached) return cached;
      const manifest = await this.manifest(repository, digest, signal, priority);
      const facts = await factsOf(manifest, (child) => this.manifest(repository, child, signal, priority));
      await this.deps.facts.put(digest, Buffer.from(JSON.stringify(facts))).catch(() => undefined);
      return facts;
    })().finally(() => this.factsInFlight.delete(digest));
    this.factsInFlight.set(digest, load);
    return load;
  }

  /** Referrers of every subject in the repository that the tag list and tag-schema indexes know. */
  referrers(repository: string, listing: TagListing, signal?: AbortSignal, priority = 0): Promise<Map<string, ReferrerEntry[]>> {
    const state = this.state(repository);
    state.referrers ??= (async () => {
      const folded = foldReferrerTags(Object.values(listing.referrerTags).flat());
      const out = new Map<string, ReferrerEntry[]>();
      await Promise.all(
        folded.referrers.map(async (group) => {
          let fromIndex: ReferrerEntry[] = [];
          if (group.tags.some((t) => t.kind === 'tag-schema')) {
            try {
              const digest = await this.resolve(repository, tagSchemaTagFor(group.digest), false, signal, priority);
              const index = parseJson((await this.manifest(repository, digest, signal, priority)).bytes) as { manifests?: unknown } | undefined;
              const list = Array.isArray(index?.manifests) ? (index.manifests as Parameters<typeof descriptorReferrers>[0]) : [];
              fromIndex = descriptorReferrers(list.filter((d) => typeof d?.digest === 'string'), 'tag-schema');
            } catch {
              /* an unreadable referrers index leaves the cosign tags */
            }
          }
          out.set(group.digest, mergeReferrers(fromIndex, cosignTagReferrers(group)));
        }),
      );
      return out;
    })();
    state.referrers.catch(() => (state.referrers = undefined));
    return state.referrers;
  }

  /** The referrers API, when this registry has one; an empty list otherwise. */
  async apiReferrers(repository: string, digest: string, signal?: AbortSignal, priority = 0): Promise<ReferrerEntry[]> {
    const repo = this.repository(repository);
    try {
      this.referrersSupport ??= this.run((s) => this.deps.listsReferrers(repository, s), signal, priority).catch(() => {
        this.referrersSupport = undefined;
        return false;
      });
      const supported = await this.referrersSupport;
      if (!supported) return [];
      return descriptorReferrers(await this.run((s) => repo.referrers(digest, { signal: s }), signal, priority), 'referrers-api');
    } catch {
      return [];
    }
  }

  /** One row per tag, streamed through `onRow` as each is ready. A failure becomes an "unreadable" row. */
  async classify(repository: string, tags: readonly string[], refresh: boolean, onRow: (row: ArtifactRow) => void, signal?: AbortSignal, priority = 0, listing?: TagListing): Promise<ArtifactRow[]> {
    let referrers = new Map<string, ReferrerEntry[]>();
    try {
      referrers = await this.referrers(repository, listing ?? (await this.tags(repository, refresh, signal)), signal, priority);
    } catch {
      /* rows still come; their referrer counts are 0 */
    }
    return Promise.all(
      tags.map(async (tag) => {
        const row = await this.row(repository, tag, refresh, referrers, signal, priority);
        onRow(row);
        return row;
      }),
    );
  }

  private async row(repository: string, tag: string, refresh: boolean, referrers: Map<string, ReferrerEntry[]>, signal: AbortSignal | undefined, priority: number): Promise<ArtifactRow> {
    const base = { registryId: this.deps.registryId, repository, tag };
    try {
      const digest = await this.resolve(repository, tag, refresh, signal, priority);
      const facts = await this.facts(repository, digest, signal, priority);
      const api = await this.apiReferrers(repository, digest, signal, priority);
      const count = mergeReferrers(api, referrers.get(digest) ?? []).length + (facts.buildxAttestations ?? 0);
      return rowOf({ ...base, digest }, facts, count);
    } catch (error) {
      if (signal?.aborted) throw error;
      return { ...base, kind: 'unreadable', mediaType: 'unknown', manifestMediaType: 'unknown', referrerCount: 0, problem: toContractError(error).message };
    }
  }

  /**
   * When an image tag was built, for tags in view (the tag list asks; the repository list never
   * does): its config's `created`, read once per config and kept. Nothing for other kinds, nor for
   * images whose row already has a date from the created annotation.
   */
  async tagDate(repository: string, tag: string, signal?: AbortSignal): Promise<TagDate | undefined> {
    const digest = await this.resolve(repository, tag, false, signal);
    const date = await this.imageDate(repository, digest, signal);
    return date && { registryId: this.deps.registryId, repository, tag, digest, ...date };
  }

  /** The build date of an image or index by digest, from its config(s); undefined when the row needs none. */
  async imageDate(repository: string, digest: string, signal?: AbortSignal): Promise<ConfigDate | undefined> {
    const facts = await this.facts(repository, digest, signal);
    if (facts.created || facts.problem || (facts.kind !== 'image' && facts.kind !== 'image-index')) return undefined;
    const manifest = await this.manifest(repository, digest, signal);
    const repo = this.repository(repository);
    return imageCreated(
      manifest,
      (child) => this.manifest(repository, child, signal),
      (config) => this.deps.configDates.get(config, (d, maxBytes) => this.run((s) => readBlobBytes(repo.blobs(), d, maxBytes, s), signal)),
    );
  }

  /** Counts per kind over every tag, referrers included. */
  async summarise(repository: string, refresh: boolean, signal?: AbortSignal): Promise<RepositorySummary> {
    const stored = refresh ? undefined : this.deps.snapshot?.repository(repository)?.summary;
    if (stored) return { registryId: this.deps.registryId, repository, tagCount: stored.tagCount, kinds: { ...stored.kinds }, ...(stored.problem ? { problem: stored.problem } : {}) };
    const summary: RepositorySummary = { registryId: this.deps.registryId, repository, tagCount: 0, kinds: {} };
    let listing: TagListing;
    try {
      listing = await this.tags(repository, refresh, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      return { ...summary, problem: toContractError(error).message };
    }
    summary.tagCount = listing.tags.length;
    const tags = listing.tags.slice(0, MAX_SUMMARISED_TAGS);
    const rows = await this.classify(repository, tags, refresh, () => undefined, signal, BACKGROUND, listing);
    const add = (kind: KindId, n = 1) => (summary.kinds[kind] = (summary.kinds[kind] ?? 0) + n);
    const counted = new Set<string>();
    const referrers = await this.referrers(repository, listing, signal, BACKGROUND).catch(() => new Map<string, ReferrerEntry[]>());
    for (const row of rows) {
      add(row.kind);
      if (!row.digest) continue;
      const facts = await this.facts(repository, row.digest, signal, BACKGROUND).catch(() => undefined);
      if (facts?.buildxAttestations && !counted.has(`buildx:${row.digest}`)) {
        counted.add(`buildx:${row.digest}`);
        add('attestation', facts.buildxAttestations);
      }
    }
    const subjects = new Set([...rows.flatMap((r) => (r.digest ? [r.digest] : [])), ...referrers.keys()]);
    for (const subject of subjects) {
      const api = await this.apiReferrers(repository, subject, signal, BACKGROUND);
      for (const entry of mergeReferrers(api, referrers.get(subject) ?? [])) {
        if (counted.has(entry.key)) continue;
        counted.add(entry.key);
        add(entry.kind);
      }
    }
    if (listing.tags.length > MAX_SUMMARISED_TAGS) summary.problem = `Only the newest ${MAX_SUMMARISED_TAGS} of ${listing.tags.length} tags were counted.`;
    // A row without a digest failed to resolve (perhaps for a moment): such a summary is not kept.
    if (rows.every((row) => row.digest)) {
      this.deps.snapshot?.setSummary(repository, { tagCount: summary.tagCount, kinds: { ...summary.kinds }, ...(summary.problem ? { problem: summary.problem } : {}) });
    }
    return summary;
  }

  /** The row for one reference (a tag or a digest), fetched now. */
  async rowFor(repository: string, reference: string, signal?: AbortSignal): Promise<ArtifactRow> {
    if (reference.includes(':')) {
      const facts = await this.facts(repository, reference, signal).catch((error: unknown) => {
        throw toContractError(error);
      });
      return rowOf({ registryId: this.deps.registryId, repository, tag: '', digest: reference }, facts, 0);
    }
    const [row] = await this.classify(repository, [reference], false, () => undefined, signal);
    if (!row) throw new ContractError('internal', 'No row was produced.');
    return row;
  }
}

/** A row from what classification learnt of a digest, leaving out the facts it does not have. */
function rowOf(base: Pick<ArtifactRow, 'registryId' | 'repository' | 'tag' | 'digest'>, facts: DigestFacts, referrerCount: number): ArtifactRow {
  const row: ArtifactRow = { ...base, kind: facts.kind, mediaType: facts.mediaType, manifestMediaType: facts.manifestMediaType, referrerCount };
  if (facts.subKind) row.subKind = facts.subKind;
  if (facts.size !== undefined) row.size = facts.size;
  if (facts.created) row.created = facts.created;
  if (facts.platforms) row.platforms = facts.platforms;
  if (facts.problem) row.problem = facts.problem;
  return row;
}
