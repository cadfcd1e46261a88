import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import type { RegistryHttp, RegistryRequest, RegistryResponse } from '../../electron/oci/registry-http';

export interface PlainRegistryHttpOptions {
  /** Basic credentials, sent only to `baseUrl`'s origin (never to a redirect or Location elsewhere). */
  basic?: { username: string; password: string };
  /** Retries of 429/5xx and network errors for replayable requests (default 4). */
  retries?: number;
  /** Upper bound on a honoured Retry-After, in ms (default 3000). */
  maxRetryAfterMs?: number;
}

/**
 * A minimal RegistryHttp for blob tests: undici, optional Basic auth same-origin only, manual
 * redirects for GET/HEAD, and a small retry loop honouring Retry-After. The real client lives in
 * electron/oci/; this one only exists so the blob code can be tested on its own.
 */
export class PlainRegistryHttp implements RegistryHttp {
  constructor(
    readonly baseUrl: string,
    private readonly options: PlainRegistryHttpOptions = {},
  ) {}

  async send(req: RegistryRequest): Promise<RegistryResponse> {
    const retries = this.options.retries ?? 4;
    const replayable = req.replayable ?? (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE' || req.body !== undefined);
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await this.follow(req);
        const retryable = response.statusCode === 429 || response.statusCode === 408 || response.statusCode >= 500;
        if (retryable && replayable && attempt < retries) {
          const wait = this.retryDelay(response.headers['retry-after'], attempt);
          await response.body.dump().catch(() => undefined);
          await sleep(wait, undefined, { signal: req.signal });
          continue;
        }
        return response;
      } catch (error) {
        if ((error as Error).name === 'AbortError' || req.signal?.aborted || !replayable || attempt >= retries) throw error;
        await sleep(50 * 2 ** attempt, undefined, { signal: req.signal });
      }
    }
  }

  private async follow(req: RegistryRequest): Promise<RegistryResponse> {
    let url = new URL(req.url, this.baseUrl);
    const origin = new URL(this.baseUrl).origin;
    for (let hop = 0; hop < 5; hop += 1) {
      const headers: Record<string, string> = { ...req.headers };
      if (this.options.basic && url.origin === origin) {
        const { username, password } = this.options.basic;
        headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
      }
      const body = req.body?.();
      const response = await request(url, {
        method: req.method,
        headers,
        body: body instanceof Readable ? body : body,
        signal: req.signal,
      });
      const location = response.headers.location;
      const isRedirect = [301, 302, 303, 307, 308].includes(response.statusCode);
      if (isRedirect && typeof location === 'string' && (req.method === 'GET' || req.method === 'HEAD')) {
        await response.body.dump().catch(() => undefined);
        const next = new URL(location, url);
        if (url.protocol === 'https:' && next.protocol !== 'https:') throw new Error('refusing a redirect from https to http');
        url = next;
        continue;
      }
      return { statusCode: response.statusCode, headers: response.headers, body: response.body, url: url.href };
    }
    throw new Error('too many redirects');
  }

  private retryDelay(header: string | string[] | undefined, attempt: number): number {
    const max = this.options.maxRetryAfterMs ?? 3000;
    const value = Array.isArray(header) ? header[0] : header;
    if (value !== undefined) {
      const seconds = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - Date.now();
      if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0), max);
    }
    return Math.min(50 * 2 ** attempt, max);
  }
}
