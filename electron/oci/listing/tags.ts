import { ContractError } from '../../../shared/contract';
import { pullScope } from '../auth/scopes';
import { tagProblem } from '../reference/reference';
import type { RegistryHttp } from '../registry-http';
import type { ListOptions } from './catalog';
import { paginate } from './paginate';

const MAX_TAGS = 200_000;

/** Every tag of a repository, sorted, de-duplicated (all pages). */
export async function allTags(http: RegistryHttp, repository: string, options: ListOptions = {}): Promise<string[]> {
  const tags = new Set<string>();
  for await (const page of paginate(http, `/v2/${repository}/tags/list`, [pullScope(repository)], { ...options, what: 'tag list' })) {
    const list = (page.json as { tags?: unknown } | null)?.tags;
    if (list === null || list === undefined) continue;
    if (!Array.isArray(list)) throw new ContractError('network', 'The registry sent a tag list in an unknown shape.');
    for (const tag of list) {
      if (typeof tag === 'string' && tagProblem(tag) === undefined) tags.add(tag);
      if (tags.size > MAX_TAGS) throw new ContractError('network', `The repository has more than ${MAX_TAGS} tags; Stevedore stops there.`);
    }
  }
  return [...tags].sort(compareTags);
}

/** Byte order, like Distribution's lexical `last` semantics. */
export function compareTags(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Tags as pages, sorted and paged on the client: Distribution 2.8 ignores `n` and `last` and
 * returns every tag unsorted.
 */
export async function* listTags(http: RegistryHttp, repository: string, options: ListOptions = {}): AsyncGenerator<string[]> {
  const sorted = await allTags(http, repository, options);
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new ContractError('invalid-input', 'A page size is a whole number of at least 1.');
  const start = options.last === undefined ? 0 : sorted.findIndex((t) => compareTags(t, options.last!) > 0);
  if (start < 0) return;
  for (let i = start; i < sorted.length; i += pageSize) yield sorted.slice(i, i + pageSize);
}
