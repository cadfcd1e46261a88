import { ContractError } from '../../../shared/contract';
import { registryErrorFrom } from '../errors';
import { readBounded } from '../read-bounded';
import type { RegistryHttp } from '../registry-http';
import { nextLink } from './link-header';

export const MAX_PAGES = 1000;
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

export interface Page {
  json: unknown;
  headers: Record<string, string | string[] | undefined>;
  url: string;
}

/**
 * Follows `Link: rel="next"` from a first URL: same origin only (GHSA-h7vf-4x9w-h99v), at most
 * `maxPages`, and a URL seen before ends the walk with an error instead of looping.
 */
export async function* paginate(
  http: RegistryHttp,
  first: string,
  scopes: readonly string[],
  options: { signal?: AbortSignal; maxPages?: number; what: string; accept?: string },
): AsyncGenerator<Page> {
  const origin = new URL(http.baseUrl).origin;
  const seen = new Set<string>();
  let url: string | undefined = first;
  const maxPages = options.maxPages ?? MAX_PAGES;
  while (url !== undefined) {
    const absolute = new URL(url, http.baseUrl).toString();
    if (seen.has(absolute)) throw new ContractError('network', `The registry's ${options.what} pages loop back on themselves; stopped.`);
    if (seen.size >= maxPages) throw new ContractError('network', `The registry's ${options.what} has more than ${maxPages} pages; stopped.`);
    seen.add(absolute);
    const res = await http.send({
      method: 'GET',
      url,
      headers: { accept: options.accept ?? 'application/json' },
      scopes,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (res.statusCode !== 200) throw await registryErrorFrom('GET', res.url, res);
    const bytes = await readBounded(res.body, res.headers['content-length'], MAX_PAGE_BYTES, `${options.what} page`);
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new ContractError('network', `The registry sent a ${options.what} page that is not JSON.`);
    }
    yield { json, headers: res.headers, url: res.url };
    const next = nextLink(res.headers.link, res.url);
    if (next !== undefined && new URL(next).origin !== origin) {
      throw new ContractError('network', `The registry pointed the next ${options.what} page at another server (${new URL(next).host}); refused.`);
    }
    url = next === undefined ? undefined : pathIfSameOrigin(next, origin);
  }
}

function pathIfSameOrigin(url: string, origin: string): string {
  const parsed = new URL(url);
  return parsed.origin === origin ? `${parsed.pathname}${parsed.search}` : url;
}
