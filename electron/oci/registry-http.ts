import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/** A request to one registry. The body is a factory so the request can be replayed (401, retry). */
export interface RegistryRequest {
  method: HttpMethod;
  /** A path starting with `/v2/` on the registry, or an absolute URL the registry gave (Location, Link). */
  url: string;
  headers?: Record<string, string>;
  /** Called once per attempt; must return a fresh body each time. */
  body?: () => Readable | Buffer | string;
  /** Token scopes this request needs, e.g. `repository:library/redis:pull`. */
  scopes: readonly string[];
  signal?: AbortSignal;
  /** Safe to send again after a failure (default: true for GET, HEAD, DELETE, and PUT/PATCH with a body factory). */
  replayable?: boolean;
}

export interface RegistryResponse {
  statusCode: number;
  headers: Dispatcher.ResponseData['headers'];
  body: Dispatcher.ResponseData['body'];
  /** The URL that answered, after any redirects. */
  url: string;
}

/**
 * An authenticated, retrying HTTP channel to one registry: the seam between the protocol
 * pieces (manifests, blobs, listing) and transport/auth. Non-2xx answers come back as responses;
 * what throws: network failures that outlive the retries, an abort (AbortError), and a
 * ContractError when the client refuses to go on (a redirect it will not follow, a hostile token
 * realm, a login the token service refused). Implemented by `RegistryClient` (client/registry-client.ts).
 */
export interface RegistryHttp {
  /** `scheme://host[:port]` */
  readonly baseUrl: string;
  send(request: RegistryRequest): Promise<RegistryResponse>;
}
