/** `many/repo-00000`… the names seedManyRepositories gives, extended to `count`. */
export function manyNames(count: number, prefix = 'many'): string[] {
  const width = Math.max(5, String(count - 1).length);
  return Array.from({ length: count }, (_, i) => `${prefix}/repo-${String(i).padStart(width, '0')}`);
}

export interface CatalogPage {
  body: { repositories: string[] };
  /** The `Link` header to the next page, as Distribution writes it; absent on the last page. */
  link?: string;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 10_000;

/**
 * One page of `GET /v2/_catalog?n=&last=` over a sorted name list, paged the way Distribution
 * pages it (names after `last`, at most `n`, a `rel="next"` Link while more remain).
 */
export function catalogPage(sortedNames: readonly string[], pathWithQuery: string): CatalogPage {
  const query = new URL(pathWithQuery, 'http://registry.invalid').searchParams;
  const asked = Number(query.get('n') ?? DEFAULT_PAGE);
  const n = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_PAGE) : DEFAULT_PAGE;
  const last = query.get('last');
  const start = last === null ? 0 : upperBound(sortedNames, last);
  const repositories = sortedNames.slice(start, start + n);
  const page: CatalogPage = { body: { repositories } };
  const tail = repositories.at(-1);
  if (start + n < sortedNames.length && tail !== undefined) {
    page.link = `</v2/_catalog?last=${encodeURIComponent(tail)}&n=${n}>; rel="next"`;
  }
  return page;
}

/** Index of the first name greater than `name`. */
function upperBound(sorted: readonly string[], name: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as string) <= name) low = mid + 1;
    else high = mid;
  }
  return low;
}
