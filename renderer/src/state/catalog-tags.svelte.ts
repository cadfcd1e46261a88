import { SvelteMap } from 'svelte/reactivity';
import type { TagDate, TagListing } from '../../../shared/contract';
import { sortTags, type TagOrder } from '../../../shared/artifacts/tag-sort';
import { call, messageOf, on } from '../lib/api';
import { Batcher } from './catalog-batcher';
import { AskedOnce } from './catalog-cache';
import { QueryFilter } from './catalog-filter';
import { catalog } from './catalog.svelte';

export interface TagEntry {
  tag: string;
  search: string;
}

/**
 * One repository's tags: listed once, sorted and searched locally, classified as rows come into
 * view; image rows in view also ask for their build date (read from the image config).
 */
export class RepositoryTags {
  listing = $state.raw<TagListing | null>(null);
  loading = $state(true);
  error = $state<string | null>(null);
  order = $state<TagOrder>('semver');
  query = $state('');
  classifyProblem = $state<string | null>(null);

  /** Build dates by tag, as `catalog.dates` streams them in. */
  readonly dates = new SvelteMap<string, TagDate>();

  private asked = new AskedOnce();
  private datesAsked = new AskedOnce();
  private refreshNext = false;
  private queryFilter = new QueryFilter<TagEntry>();
  private batcher = new Batcher((_registry, tags) => void this.classify(tags));
  private dateBatcher = new Batcher((_registry, tags) => void this.readDates(tags));
  private stopDates: (() => void) | undefined;

  readonly sorted = $derived.by((): readonly TagEntry[] => (this.listing ? sortTags(this.listing.tags, this.order).map((tag) => ({ tag, search: tag.toLowerCase() })) : []));
  readonly visible = $derived(this.queryFilter.apply(this.sorted, this.query));

  constructor(
    readonly registryId: string,
    readonly repository: string,
  ) {}

  /** Starts listening for build dates; `dispose` stops. */
  start(): void {
    this.stopDates ??= on('catalog.dates', (batch) => {
      for (const date of batch) if (date.registryId === this.registryId && date.repository === this.repository) this.dates.set(date.tag, date);
    });
  }

  async load(refresh = false): Promise<void> {
    this.loading = true;
    if (refresh) {
      this.asked.forget();
      this.datesAsked.forget();
      this.dates.clear();
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

  /**
   * Tags on screen ask to be classified and for their build date, once each, in batches. A row
   * known to need no date (not an image, or dated by its annotation) does not ask.
   */
  want(entries: readonly TagEntry[]): void {
    for (const { tag } of entries) {
      const row = catalog.artifactOf(this.registryId, this.repository, tag);
      if (!row && this.asked.first(tag)) this.batcher.add(this.registryId, tag);
      const needsDate = !row || (!row.created && (row.kind === 'image' || row.kind === 'image-index'));
      if (needsDate && !this.dates.has(tag) && this.datesAsked.first(tag)) this.dateBatcher.add(this.registryId, tag);
    }
  }

  referrerTagCount(): number {
    return this.listing ? Object.values(this.listing.referrerTags).reduce((n, tags) => n + tags.length, 0) : 0;
  }

  dispose(): void {
    this.batcher.cancel();
    this.dateBatcher.cancel();
    this.stopDates?.();
    this.stopDates = undefined;
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

  /** A failure here only leaves date cells empty: the rows themselves are unaffected. */
  private async readDates(tags: string[]): Promise<void> {
    try {
      await call('catalog.readDates', { registryId: this.registryId, repository: this.repository, tags });
    } catch {
      this.datesAsked.forget((tag) => tags.includes(tag));
    }
  }
}
