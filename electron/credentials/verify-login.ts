import { readFile, stat } from 'node:fs/promises';
import { Agent, request, type Dispatcher } from 'undici';
import { ContractError } from '../../shared/contract';
import { redact } from '../log/redact';
import { checkRealm } from './bearer-realm';
import { secretOf, type RegistryCredential, type VerifyLogin } from './credential';

const TIMEOUT_MS = 15_000;
const MAX_BODY_BYTES = 256 * 1024;

export interface VerifyOptions {
  signal?: AbortSignal;
  dispatcher?: Dispatcher;
}

const MAX_CA_BYTES = 1024 * 1024;

/** The VerifyLogin the app uses: verifyLogin, trusting the registry's CA certificate file when it has one. */
export const defaultVerifyLogin: VerifyLogin = async (target, credential, signal) => {
  const dispatcher = target.caCertPath ? new Agent({ connect: { ca: await readCa(target.caCertPath) } }) : undefined;
  try {
    await verifyLogin(target.url, credential, { ...(signal ? { signal } : {}), ...(dispatcher ? { dispatcher } : {}) });
  } finally {
    await dispatcher?.close();
  }
};

/** Reads a registry's CA certificate file (PEM, bounded); a ContractError a user can act on when it is unusable. */
export async function readCa(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > MAX_CA_BYTES) throw new Error('not a certificate file');
    const pem = await readFile(path, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it');
    return pem;
  } catch (error) {
    throw new ContractError('invalid-input', `The CA certificate ${path} cannot be used (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); choose a PEM file.`);
  }
}

/**
 * Proves a login before it is saved, as `docker login` does: `GET /v2/` with Basic; on a Bearer
 * challenge, ask the realm for a token with the credential and try `/v2/` with that token.
 * Resolves when the registry accepts; throws a ContractError a user can act on otherwise.
 */
export async function verifyLogin(registryUrl: string, credential: RegistryCredential, options: VerifyOptions = {}): Promise<void> {
  const host = new URL(registryUrl).host;
  const secret = secretOf(credential);
  const clean = (text: string) => redact(text.split(secret).join('[redacted]'));
  const v2 = new URL('/v2/', registryUrl);

  const first = await send(v2, 'GET', 'identityToken' in credential ? {} : { authorization: basic(credential) }, undefined, options, host);
  if (first.status === 200) return;
  if (first.status !== 401) throw statusError(first, host, clean);

  const challenge = parseChallenge(first.wwwAuthenticate);
  if (challenge.scheme === 'basic') {
    if ('identityToken' in credential) {
      throw new ContractError('invalid-input', `${host} asks for a user name and password, not an identity token.`);
    }
    throw new ContractError('unauthorized', `${host} refused that user name and password${registryMessage(first.body, clean)}.`);
  }
  if (challenge.scheme !== 'bearer' || !challenge.params.realm) {
    throw new ContractError('unauthorized', `${host} asks for a kind of login Stevedore does not speak (${challenge.scheme || 'no challenge'}).`);
  }
  const realm = checkRealm(challenge.params.realm, registryUrl);
  if (!realm.ok) throw new ContractError('denied', `Stevedore did not send your login to ${host}'s token service: ${realm.reason}.`);

  const token = await fetchToken(realm.url, challenge.params, credential, options, host, clean);
  const second = await send(v2, 'GET', { authorization: `Bearer ${token}` }, undefined, options, host);
  if (second.status === 200) return;
  if (second.status === 401 || second.status === 403) {
    throw new ContractError('unauthorized', `${host} did not accept the token its own token service issued for that login${registryMessage(second.body, clean)}.`);
  }
  throw statusError(second, host, clean);
}

async function fetchToken(
  realm: URL,
  params: Record<string, string>,
  credential: RegistryCredential,
  options: VerifyOptions,
  host: string,
  clean: (text: string) => string,
): Promise<string> {
  const url = new URL(realm);
  let reply: Reply;
  if ('identityToken' in credential) {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.identityToken, client_id: 'stevedore' });
    if (params.service) form.set('service', params.service);
    if (params.scope) form.set('scope', params.scope);
    reply = await send(url, 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, form.toString(), options, host);
  } else {
    if (params.service) url.searchParams.set('service', params.service);
    if (params.scope) url.searchParams.set('scope', params.scope);
    url.searchParams.set('account', credential.username);
    reply = await send(url, 'GET', { authorization: basic(credential) }, undefined, options, host);
  }
  if (reply.status === 401 || reply.status === 403 || (reply.status === 400 && /invalid_grant/.test(reply.body))) {
    throw new ContractError('unauthorized', `${host} refused that login${registryMessage(reply.body, clean)}.`);
  }
  if (reply.status !== 200) throw statusError(reply, `${host}'s token service`, clean);
  let body: { token?: unknown; access_token?: unknown };
  try {
    body = JSON.parse(reply.body) as typeof body;
  } catch {
    throw new ContractError('network', `${host}'s token service answered with something that is not JSON.`);
  }
  const token = typeof body.token === 'string' && body.token ? body.token : body.access_token;
  if (typeof token !== 'string' || token.length === 0 || token.length > 64 * 1024) {
    throw new ContractError('network', `${host}'s token service answered without a token.`);
  }
  return token;
}

interface Reply {
  status: number;
  wwwAuthenticate: string;
  body: string;
}

async function send(url: URL, method: 'GET' | 'POST', headers: Record<string, string>, body: string | undefined, options: VerifyOptions, host: string): Promise<Reply> {
  try {
    const res = await request(url, {
      method,
      headers: { accept: 'application/json', 'user-agent': 'Stevedore', ...headers },
      body,
      signal: options.signal,
      dispatcher: options.dispatcher,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    const text = await readBounded(res.body);
    const header = res.headers['www-authenticate'];
    return { status: res.statusCode, wwwAuthenticate: (Array.isArray(header) ? header[0] : header) ?? '', body: text };
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    const err = error as Error & { code?: string; cause?: { code?: string; message?: string } };
    const code = err.code ?? err.cause?.code ?? '';
    const message = err.cause?.message ?? err.message;
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(`${code} ${message}`)) {
      throw new ContractError('network', `TLS to ${url.host} failed (${redact(message).slice(0, 160)}): trust its CA certificate in the registry's settings.`);
    }
    if (code === 'ECONNREFUSED') throw new ContractError('network', `Nothing is listening at ${url.host}: is ${host} running, and is the port right?`);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw new ContractError('network', `The name ${url.hostname} does not resolve: check the address and your network.`);
    throw new ContractError('network', `${url.host} could not be reached (${code || redact(message).slice(0, 120)}).`);
  }
}

async function readBounded(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      break;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function basic(credential: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`, 'utf8').toString('base64')}`;
}

/** `Bearer realm="…",service="…",scope="…"` → scheme and parameters. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const match = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (!match) return { scheme: '', params: {} };
  const params: Record<string, string> = {};
  for (const [, key, quoted, bare] of match[2]!.matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[key!.toLowerCase()] = (quoted ?? bare ?? '').replace(/\\(.)/g, '$1');
  }
  return { scheme: match[1]!.toLowerCase(), params };
}

function registryMessage(body: string, clean: (text: string) => string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ message?: unknown }>; error_description?: unknown; details?: unknown };
    const message = parsed.errors?.[0]?.message ?? parsed.error_description ?? parsed.details;
    if (typeof message === 'string' && message.trim()) return `: "${clean(message.trim()).slice(0, 200)}"`;
  } catch {
    /* not JSON: say nothing more */
  }
  return '';
}

function statusError(reply: Reply, who: string, clean: (text: string) => string): ContractError {
  const detail = registryMessage(reply.body, clean);
  if (reply.status === 429) return new ContractError('rate-limited', `${who} is rate-limiting requests; try again in a minute${detail}.`);
  if (reply.status === 404) return new ContractError('not-found', `${who} answered GET /v2/ with 404: it does not look like an OCI registry.`);
  if (reply.status >= 500) return new ContractError('network', `${who} had a problem (HTTP ${reply.status}); try again later${detail}.`);
  return new ContractError('network', `${who} answered HTTP ${reply.status}${detail}.`);
}
