import { request, type Dispatcher } from 'undici';

export type PingOutcome =
  | { kind: 'ok'; status: number }
  | { kind: 'auth-required'; scheme: string; realm?: string }
  | { kind: 'http-error'; status: number }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'tls'; reason: string }
  | { kind: 'not-a-registry'; status: number };

const tlsCodes = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i;

/** `GET /v2/`: the registry's "are you there, and who must I be" endpoint (distribution spec). */
export async function pingRegistry(
  baseUrl: string,
  options: { signal?: AbortSignal; dispatcher?: Dispatcher; timeoutMs?: number } = {},
): Promise<PingOutcome> {
  const url = new URL('/v2/', baseUrl);
  try {
    const res = await request(url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      signal: options.signal,
      dispatcher: options.dispatcher,
      headersTimeout: options.timeoutMs ?? 10_000,
      bodyTimeout: options.timeoutMs ?? 10_000,
      maxRedirections: 0,
    } as Parameters<typeof request>[1]);
    await res.body.dump({ limit: 64 * 1024 });
    if (res.statusCode === 200) return { kind: 'ok', status: 200 };
    if (res.statusCode === 401) {
      const header = res.headers['www-authenticate'];
      const challenge = Array.isArray(header) ? header[0] : header;
      const scheme = challenge?.split(/\s+/, 1)[0] ?? 'unknown';
      const realm = /realm="([^"]*)"/i.exec(challenge ?? '')?.[1];
      return realm === undefined ? { kind: 'auth-required', scheme } : { kind: 'auth-required', scheme, realm };
    }
    if (res.statusCode === 404) return { kind: 'not-a-registry', status: 404 };
    return { kind: 'http-error', status: res.statusCode };
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    const err = error as Error & { code?: string; cause?: { code?: string; message?: string } };
    const code = err.code ?? err.cause?.code ?? '';
    const message = err.cause?.message ?? err.message;
    if (tlsCodes.test(code) || tlsCodes.test(message)) return { kind: 'tls', reason: message };
    return { kind: 'unreachable', reason: describeNetworkError(code, message, url.host) };
  }
}

function describeNetworkError(code: string, message: string, host: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `Nothing is listening at ${host}: is the registry running, and is the port right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The name in ${host} does not resolve: check the spelling and your network.`;
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return `${host} did not answer in time.`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `${host} closed the connection: it may not speak ${message.includes('https') ? 'HTTPS' : 'this protocol'}.`;
    default:
      return `${host} could not be reached (${code || message}).`;
  }
}
