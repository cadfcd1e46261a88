import type { TagListing } from '../../../shared/contract';
import { sortTags, type TagOrder } from '../../../shared/artifacts/tag-sort';
import { call, messageOf } from '../lib/api';
import { Batcher } from './catalog-batcher';
import { AskedOnce } from './catalog-cache';
import { QueryFilter } from './catalog-filter';
import { catalog } from './catalog.svelte';

export interface TagEntry {
  tag: string;
  search: string;
}

/** One repository's tags: listed once, sorted and searched locally, classified as rows come into view. */
export class RepositoryTags {
  listing = $state.raw<TagListing | null>(null);
  loading = $state(true);
  error = $state<string | null>(null);
  order = $state<TagOrder>('semver');
  query = $state('');
  classifyProblem = $state<string | null>(null);

  private asked = new AskedOnce();
  private refreshNext = false;
  private queryFilter = new QueryFilter<TagEntry>();
  private batcher = new Batcher((_registry, tags) => void this.classify(tags));

  readonly sorted = $derived.by((): readonly TagEntry[] => (this.listing ? sortTags(this.listing.tags, this.order).map((tag) => ({ tag, search: tag.toLowerCase() })) : []));
  readonly visible = $derived(this.queryFilter.apply(this.sorted, this.query));

  constructor(
    readonly registryId: string,
    readonly repository: string,
  ) {}

  async load(refresh = false): Promise<void> {
    this.loading = true;
    if (refresh) {
      this.asked.forget();
      this.refreshNext = true;
      catalog.forgetArtifacts(this.registryId, this.repository);
    }
    try {
      this.listing = await call('catalog.tags', { registryId: this.registryId, repository: this.repository, refresh });
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.loading = false;
    }
  }

  /** Tags on screen ask to be classified, once each, in batches. */
  want(entries: readonly TagEntry[]): void {
    for (const { tag } of entries) {
      if (catalog.artifactOf(this.registryId, this.repository, tag)) continue;
      if (this.asked.first(tag)) this.batcher.add(this.registryId, tag);
    }
  }

  referrerTagCount(): number {
    return this.listing ? Object.values(this.listing.referrerTags).reduce((n, tags) => n + tags.length, 0) : 0;
  }

  dispose(): void {
    this.batcher.cancel();
  }

  private async classify(tags: string[]): Promise<void> {
    const refresh = this.refreshNext;
    this.refreshNext = false;
    try {
      await call('catalog.classify', { registryId: this.registryId, repository: this.repository, tags, refresh });
      this.classifyProblem = null;
    } catch (error) {
      this.classifyProblem = messageOf(error);
    }
  }
}
