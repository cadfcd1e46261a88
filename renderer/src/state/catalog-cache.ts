import type { ArtifactRow, RepositorySummary } from '../../../shared/contract';
import { entryKey, kindMask, type RepositoryEntry } from './catalog-filter';

/**
 * What the catalog has learnt, in plain maps on purpose: 100,000 entries behind reactive proxies
 * would cost more than they give. The state bumps a version counter when these change.
 */
export class CatalogCache {
  readonly summaries = new Map<string, RepositorySummary>();
  readonly artifacts = new Map<string, ArtifactRow>();

  static artifactKey(registryId: string, repository: string, tag: string): string {
    return `${entryKey(registryId, repository)}:${tag}`;
  }

  putSummaries(batch: readonly RepositorySummary[]): void {
    for (const s of batch) this.summaries.set(entryKey(s.registryId, s.repository), s);
  }

  putArtifacts(batch: readonly ArtifactRow[]): void {
    for (const row of batch) this.artifacts.set(CatalogCache.artifactKey(row.registryId, row.repository, row.tag), row);
  }

  forgetArtifacts(registryId: string, repository: string): void {
    const prefix = `${entryKey(registryId, repository)}:`;
    for (const key of [...this.artifacts.keys()]) if (key.startsWith(prefix)) this.artifacts.delete(key);
  }
}

/** Names already asked for, so a row scrolled past twice is not asked for twice. */
export class AskedOnce {
  private readonly asked = new Set<string>();

  /** True the first time a key is seen. */
  first(key: string): boolean {
    if (this.asked.has(key)) return false;
    this.asked.add(key);
    return true;
  }

  forget(predicate: (key: string) => boolean = () => true): void {
    for (const key of [...this.asked]) if (predicate(key)) this.asked.delete(key);
  }
}

/** Every listed entry by key, so a summary that lands can set its entry's kind bits in place. */
export class EntryIndex {
  private readonly byKey = new Map<string, RepositoryEntry>();

  add(entries: readonly RepositoryEntry[]): void {
    for (const e of entries) this.byKey.set(e.key, e);
  }

  remove(entries: readonly RepositoryEntry[]): void {
    for (const e of entries) this.byKey.delete(e.key);
  }

  applySummaries(batch: readonly RepositorySummary[]): void {
    for (const s of batch) {
      const entry = this.byKey.get(entryKey(s.registryId, s.repository));
      if (entry) entry.kindMask = kindMask(s);
    }
  }
}
