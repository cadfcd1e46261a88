import { ContractError, type ErrorCode } from '../../shared/contract';

export interface RegistryErrorDetail {
  code: string;
  message: string;
  detail?: unknown;
}

const SECRET_PARAMS = /^(?:token|access_token|refresh_token|password|secret|signature|x-amz-signature|x-amz-credential|x-amz-security-token|sig|_state)$/i;

/** A URL fit for messages and logs: no userinfo, no secret-looking query values. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const key of [...parsed.searchParams.keys()]) {
      if (SECRET_PARAMS.test(key)) parsed.searchParams.set(key, 'redacted');
    }
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}

/** A registry's non-success answer, as oras-go's `errcode.ErrorResponse`. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly url: string;
  constructor(
    readonly method: string,
    url: string,
    readonly status: number,
    readonly errors: readonly RegistryErrorDetail[] = [],
  ) {
    const safe = safeUrl(url);
    const first = errors[0];
    super(`${method} ${safe}: ${status}${first ? ` ${first.code}: ${first.message}` : ''}`);
    this.url = safe;
  }

  get codes(): string[] {
    return this.errors.map((e) => e.code);
  }
}

const MAX_ERRORS = 20;

/** Parses `{"errors":[{code,message,detail}]}`; anything else gives no details. */
export function parseErrorBody(text: string): RegistryErrorDetail[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const list = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(list)) return [];
  return list.slice(0, MAX_ERRORS).flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { code, message, detail } = item as Record<string, unknown>;
    if (typeof code !== 'string') return [];
    return [{ code: code.slice(0, 100), message: typeof message === 'string' ? message.slice(0, 500) : '', ...(detail !== undefined ? { detail } : {}) }];
  });
}

/** Reads at most `limit` bytes of an error body and builds the typed error. */
export async function registryErrorFrom(
  method: string,
  url: string,
  response: { statusCode: number; body: AsyncIterable<Uint8Array> & { dump?: (o?: { limit: number }) => Promise<void> } },
  limit = 64 * 1024,
): Promise<RegistryError> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (method !== 'HEAD') {
    for await (const chunk of response.body) {
      if (size + chunk.length > limit) break;
      chunks.push(Buffer.from(chunk));
      size += chunk.length;
    }
  }
  if (response.body.dump) await response.body.dump({ limit: 0 }).catch(() => undefined);
  return new RegistryError(method, url, response.statusCode, parseErrorBody(Buffer.concat(chunks).toString('utf8')));
}

const codeToContract: Record<string, ErrorCode> = {
  UNAUTHORIZED: 'unauthorized',
  DENIED: 'denied',
  NAME_UNKNOWN: 'not-found',
  MANIFEST_UNKNOWN: 'not-found',
  BLOB_UNKNOWN: 'not-found',
  TOOMANYREQUESTS: 'rate-limited',
  NAME_INVALID: 'invalid-input',
  TAG_INVALID: 'invalid-input',
  DIGEST_INVALID: 'invalid-input',
  MANIFEST_INVALID: 'invalid-input',
  MANIFEST_BLOB_UNKNOWN: 'invalid-input',
  SIZE_INVALID: 'invalid-input',
};

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'denied';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 400 || status === 405 || status === 413 || status === 415) return 'invalid-input';
  if (status >= 500) return 'network';
  return 'internal';
}

const advice: Record<ErrorCode, string> = {
  unauthorized: 'log in again, or check the user name and password',
  denied: 'your account may not have access to this repository',
  'not-found': 'check the name or your access',
  'invalid-input': 'the registry refused what was sent',
  network: 'try again in a moment',
  'rate-limited': 'wait a little before trying again',
  cancelled: '',
  internal: 'the log has the details',
};

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the registry';
  }
}

/** Maps a registry answer onto the contract with a sentence the user can act on. */
export function toContractError(error: unknown): ContractError {
  if (error instanceof ContractError) return error;
  if (isAbort(error)) return new ContractError('cancelled', 'Cancelled.');
  if (error instanceof RegistryError) {
    const first = error.errors[0];
    const code = (first && codeToContract[first.code]) || codeForStatus(error.status);
    const said = first?.message ? first.message.toLowerCase().replace(/\.$/, '') : `HTTP ${error.status}`;
    const tip = advice[code];
    return new ContractError(code, `${hostOf(error.url)} says: ${said}${tip ? ` — ${tip}` : ''}.`);
  }
  const tls = tlsCode(error);
  if (tls) {
    return new ContractError('network', `The registry's TLS certificate cannot be verified (${tls}); add its CA certificate, or mark the registry insecure if you trust the network.`);
  }
  if (isNetworkError(error)) {
    const err = error as Error & { code?: string };
    return new ContractError('network', `The registry could not be reached (${err.code ?? 'network error'}); check the address and your connection.`);
  }
  return new ContractError('internal', 'The registry client hit an unexpected error; the log has the details.');
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'UND_ERR_ABORTED');
}

const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
]);

export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: string }).code;
    if (code && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isNetworkError(error: unknown): boolean {
  return networkCode(error) !== undefined;
}

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

export function tlsCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: string }).code;
    if (code && TLS_CODE.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
