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

/**
 * The filter kinds a summary holds, one bit per entry of `filterKinds`, so the kind filter over
 * 100,000 rows is a bitwise test per row rather than a lookup and a closure.
 */
export function kindMask(summary: RepositorySummary | undefined): number {
  if (!summary) return 0;
  let mask = 0;
  filterKinds.forEach((def, bit) => {
    if (holds(summary, def.id as FilterKind)) mask |= 1 << bit;
  });
  return mask;
}

export function maskOfKinds(wanted: readonly FilterKind[]): number {
  let mask = 0;
  filterKinds.forEach((def, bit) => {
    if (wanted.includes(def.id as FilterKind)) mask |= 1 << bit;
  });
  return mask;
}

/**
 * How many repositories hold each filter kind, per registry, kept up to date as summaries land
 * (the old summary's bits out, the new one's in) so the kind filter's counts never re-walk every
 * summary: a batch costs its own size, and reading the counts costs the registries in scope.
 */
export class KindCounts {
  private readonly byRegistry = new Map<string, Int32Array>();

  /** A repository's summary changed from `before` to `after` (either may be absent). */
  replace(registryId: string, before: RepositorySummary | undefined, after: RepositorySummary | undefined): void {
    const was = kindMask(before);
    const now = kindMask(after);
    if (was === now) return;
    let counts = this.byRegistry.get(registryId);
    if (!counts) this.byRegistry.set(registryId, (counts = new Int32Array(filterKinds.length)));
    for (let bit = 0; bit < filterKinds.length; bit += 1) {
      const flag = 1 << bit;
      counts[bit] = (counts[bit] as number) + ((now & flag) !== 0 ? 1 : 0) - ((was & flag) !== 0 ? 1 : 0);
    }
  }

  forget(registryId: string): void {
    this.byRegistry.delete(registryId);
  }

  /** The counts over these registries, only the kinds held at least once. */
  over(registryIds: readonly string[]): Partial<Record<FilterKind, number>> {
    const out: Partial<Record<FilterKind, number>> = {};
    for (const id of registryIds) {
      const counts = this.byRegistry.get(id);
      if (!counts) continue;
      filterKinds.forEach((def, bit) => {
        const n = counts[bit] as number;
        if (n > 0) out[def.id as FilterKind] = (out[def.id as FilterKind] ?? 0) + n;
      });
    }
    return out;
  }
}

/** One repository in the list, with its search text lower-cased once rather than per keystroke. */
export interface RepositoryEntry {
  key: string;
  registryId: string;
  name: string;
  pinned: boolean;
  search: string;
  /** `kindMask` of its summary (0 until summarised); the state updates it in place when one lands. */
  kindMask: number;
}

/**
 * An entry's search text: its name and its registry's name, lower-cased, apart by a character no
 * query holds. Lower-casing the joined text gives V8 one flat string; a template literal alone
 * would leave a rope that the first keystroke's scan has to flatten, 100,000 times.
 */
export function searchText(name: string, registryName: string): string {
  return `${name}\u0000${registryName}`.toLowerCase();
}

export function entryKey(registryId: string, repository: string): string {
  return `${registryId} ${repository}`;
}

/** Queries kept per filter: enough for any query typed key by key, bounded for pasted ones. */
const MAX_DEPTH = 64;

/**
 * Filters by a lower-case substring, fast enough to run per keystroke over 100,000 items. Keeps a
 * stack of earlier answers whose queries are prefixes of each other: a longer query narrows the
 * answer of its longest kept prefix, and a shorter one (Backspace) is popped back to without
 * scanning anything. An answer that kept every item is its base array itself, so a query that
 * matches as much as its prefix hands back the same array and nothing downstream recomputes.
 */
export class QueryFilter<T extends { search: string }> {
  private source: readonly T[] | undefined;
  private readonly stack: Array<{ query: string; result: readonly T[] }> = [];

  apply(source: readonly T[], rawQuery: string): readonly T[] {
    const query = rawQuery.trim().toLowerCase();
    const stack = this.stack;
    if (source !== this.source) {
      this.source = source;
      stack.length = 0;
    }
    while (stack.length > 0 && !query.startsWith((stack[stack.length - 1] as { query: string }).query)) stack.pop();
    if (query === '') return source;
    const top = stack[stack.length - 1];
    if (top?.query === query) return top.result;
    const result = matching(top?.result ?? source, query);
    if (stack.length === MAX_DEPTH) stack.shift();
    stack.push({ query, result });
    return result;
  }

  /** How many earlier answers are kept (for tests). */
  get depth(): number {
    return this.stack.length;
  }
}

/**
 * A plain loop (no per-item closure). Nothing is allocated while every item matches: a query
 * that keeps all of `base` (one letter over 100,000 names, say) returns `base` itself.
 */
function matching<T extends { search: string }>(base: readonly T[], query: string): readonly T[] {
  const n = base.length;
  let i = 0;
  while (i < n && (base[i] as T).search.includes(query)) i += 1;
  if (i === n) return base;
  const out = base.slice(0, i);
  for (i += 1; i < n; i += 1) {
    const item = base[i] as T;
    if (item.search.includes(query)) out.push(item);
  }
  return out;
}
