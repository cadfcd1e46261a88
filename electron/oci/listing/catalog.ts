import { ContractError } from '../../../shared/contract';
import { CATALOG_SCOPE } from '../auth/scopes';
import { repositoryProblem } from '../reference/reference';
import type { RegistryHttp } from '../registry-http';
import { paginate } from './paginate';

export interface ListOptions {
  signal?: AbortSignal;
  /** Page size asked of the registry (`n`). */
  pageSize?: number;
  /** Start after this name. */
  last?: string;
  maxPages?: number;
}

/** `/v2/_catalog`, page by page (Link pagination), yielding repository names. */
export async function* listRepositories(http: RegistryHttp, options: ListOptions = {}): AsyncGenerator<string> {
  const params = new URLSearchParams();
  if (options.pageSize !== undefined) params.set('n', String(clampPageSize(options.pageSize)));
  if (options.last !== undefined) params.set('last', options.last);
  const first = `/v2/_catalog${params.size > 0 ? `?${params}` : ''}`;
  for await (const page of paginate(http, first, [CATALOG_SCOPE], { ...options, what: 'repository list' })) {
    const list = (page.json as { repositories?: unknown } | null)?.repositories;
    if (list === null || list === undefined) continue;
    if (!Array.isArray(list)) throw new ContractError('network', 'The registry sent a repository list in an unknown shape.');
    for (const name of list) {
      if (typeof name === 'string' && repositoryProblem(name) === undefined) yield name;
    }
  }
}

export function clampPageSize(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new ContractError('invalid-input', 'A page size is a whole number of at least 1.');
  return Math.min(n, 1000);
}
