import { request, type Dispatcher } from 'undici';
import { ContractError } from '../../../shared/contract';
import { isAbort, networkCode, tlsCode } from '../../oci/errors';
import { readBounded } from '../../oci/read-bounded';

const MAX_BODY = 4 * 1024 * 1024;
export const MAX_VENDOR_PAGES = 500;

export interface VendorRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  dispatcher?: Dispatcher;
  /** What is being fetched, for messages: "Docker Hub repositories". */
  what: string;
}

export interface VendorResponse {
  json: unknown;
  headers: Record<string, string | string[] | undefined>;
  url: string;
}

/** Where a request went, for messages: origin and path only (no query, no userinfo). */
function where(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function retryHint(headers: Record<string, string | string[] | undefined>): string {
  const retryAfter = Number(header(headers, 'retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return ` Try again in ${Math.ceil(retryAfter)} s.`;
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 1_000_000_000) return ` The limit resets at ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC.`;
  return ' Wait a little before trying again.';
}

/** Maps a vendor API's status onto the contract; messages name the host and path, never a secret. */
export function vendorStatusError(status: number, url: string, what: string, headers: Record<string, string | string[] | undefined>): ContractError {
  const at = where(url);
  if (status === 401) return new ContractError('unauthorized', `${at} refused the login while listing ${what}: log in again with a token that may read them.`);
  if (status === 403) return new ContractError('denied', `${at} does not let this account list ${what}.`);
  if (status === 404) return new ContractError('not-found', `${at} has no ${what} here (HTTP 404): check the name.`);
  if (status === 429) {
    const remaining = header(headers, 'x-ratelimit-remaining');
    return new ContractError('rate-limited', `${at} is rate-limiting requests${remaining !== undefined ? ` (${remaining} left)` : ''}.${retryHint(headers)}`);
  }
  if (status >= 500) return new ContractError('network', `${at} failed (HTTP ${status}) while listing ${what}; try again in a moment.`);
  return new ContractError('network', `${at} answered HTTP ${status} while listing ${what}.`);
}

/** One JSON request to a vendor API: no redirects followed, body capped, errors free of secrets. */
export async function vendorJson(url: string, options: VendorRequest): Promise<VendorResponse> {
  let res: Dispatcher.ResponseData;
  try {
    res = await request(url, {
      method: options.method ?? 'GET',
      headers: { accept: 'application/json', 'user-agent': 'Stevedore', ...options.headers },
      ...(options.body !== undefined ? { body: options.body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    const tls = tlsCode(error);
    if (tls) throw new ContractError('network', `${where(url)}'s TLS certificate cannot be verified (${tls}).`);
    throw new ContractError('network', `${where(url)} could not be reached (${networkCode(error) ?? 'network error'}); check your connection.`);
  }
  if (res.statusCode < 200 || res.statusCode >= 300) {
    await res.body.dump().catch(() => undefined);
    throw vendorStatusError(res.statusCode, url, options.what, res.headers);
  }
  const bytes = await readBounded(res.body, res.headers['content-length'], MAX_BODY, `${options.what} page`);
  try {
    return { json: JSON.parse(bytes.toString('utf8')) as unknown, headers: res.headers, url };
  } catch {
    throw new ContractError('network', `${where(url)} sent ${options.what} that are not JSON.`);
  }
}

/** The `rel="next"` target of a Link header, resolved against the current URL. */
export function linkNext(headers: Record<string, string | string[] | undefined>, base: string): string | undefined {
  const value = header(headers, 'link');
  if (!value) return undefined;
  for (const part of value.split(',')) {
    const m = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (m && /rel="?next"?/.test(m[2] ?? '')) return new URL(m[1] ?? '', base).toString();
  }
  return undefined;
}

/**
 * Walks pages from `first` while `next` names another page on the same origin; refuses loops,
 * foreign origins and more than MAX_VENDOR_PAGES pages.
 */
export async function* vendorPages(first: string, options: VendorRequest, next: (page: VendorResponse) => string | undefined): AsyncGenerator<VendorResponse> {
  const origin = new URL(first).origin;
  const seen = new Set<string>();
  let url: string | undefined = first;
  while (url !== undefined) {
    if (seen.has(url)) throw new ContractError('network', `${where(url)} sends ${options.what} pages that loop; stopped.`);
    if (seen.size >= MAX_VENDOR_PAGES) throw new ContractError('network', `${where(first)} has more than ${MAX_VENDOR_PAGES} pages of ${options.what}; stopped.`);
    seen.add(url);
    const page = await vendorJson(url, options);
    yield page;
    const following = next(page);
    if (following === undefined) return;
    const resolved: URL = new URL(following, url);
    if (resolved.origin !== origin) throw new ContractError('network', `${where(first)} pointed the next page of ${options.what} at another server; refused.`);
    url = resolved.toString();
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= 512 ? v : undefined);
