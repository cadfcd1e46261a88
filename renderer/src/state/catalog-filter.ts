import type { RepositorySummary } from '../../../shared/contract';
import { kinds, type KindDef, type KindId } from '../../../shared/artifacts/kinds';

/** The filter's kinds: the table's, with multi-platform images counted as images (as Docker Hub does). */
export type FilterKind = Exclude<KindId, 'image-index'>;
export const filterKinds: readonly KindDef[] = kinds.filter((k) => k.id !== 'image-index');

const members: Partial<Record<FilterKind, readonly KindId[]>> = { image: ['image', 'image-index'] };

export function kindsOf(filter: FilterKind): readonly KindId[] {
  return members[filter] ?? [filter];
}

export function holds(summary: RepositorySummary | undefined, filter: FilterKind): boolean {
  if (!summary) return false;
  return kindsOf(filter).some((k) => (summary.kinds[k] ?? 0) > 0);
}

/** One repository in the list, with its search text lower-cased once rather than per keystroke. */
export interface RepositoryEntry {
  key: string;
  registryId: string;
  name: string;
  pinned: boolean;
  search: string;
}

export function entryKey(registryId: string, repository: string): string {
  return `${registryId} ${repository}`;
}

/**
 * Filters by a lower-case substring. Remembers its last answer: typing one more letter narrows the
 * previous result instead of scanning the whole list again.
 */
export class QueryFilter<T extends { search: string }> {
  private last: { source: readonly T[]; query: string; result: readonly T[] } | undefined;

  apply(source: readonly T[], rawQuery: string): readonly T[] {
    const query = rawQuery.trim().toLowerCase();
    if (query === '') return source;
    const last = this.last;
    const base = last && last.source === source && query.startsWith(last.query) ? last.result : source;
    const result = base.filter((item) => item.search.includes(query));
    this.last = { source, query, result };
    return result;
  }
}
