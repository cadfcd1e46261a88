import { request, type Dispatcher } from 'undici';
import { ContractError } from '../../../shared/contract';
import { basicHeader, type Credential } from './credentials';
import { LoginRefusedError, serviceMessageOf } from './login-refused';
import { expiryFrom, type CachedToken } from './token-cache';

const MAX_TOKEN_RESPONSE = 1024 * 1024;
const CLIENT_ID = 'stevedore';
/** Realms that do not take the OAuth2 POST (404/405): go straight to GET next time. */
const postRefused = new Set<string>();
const MAX_REMEMBERED_REALMS = 256;

export interface TokenRequest {
  realm: string;
  service?: string;
  scopes: readonly string[];
  credential?: Credential;
  dispatcher: Dispatcher;
  signal?: AbortSignal;
  now?: () => number;
  /** The registry host, for messages. */
  host: string;
}

/**
 * Gets a bearer token from the realm (distribution token spec): anonymous or Basic GET, or the
 * OAuth2 POST for identity tokens and passwords, falling back to GET where the POST is refused
 * with 404/405, as docker does.
 */
export async function fetchToken(req: TokenRequest): Promise<CachedToken> {
  const { credential } = req;
  if (credential && 'identityToken' in credential) {
    const res = await postToken(req, { grant_type: 'refresh_token', refresh_token: credential.identityToken }, [404, 405]);
    if (typeof res !== 'number') return res;
    throw new ContractError('unauthorized', `The token service of ${req.host} does not accept identity tokens; log in with a user name and password.`);
  }
  if (credential && 'username' in credential) {
    if (!postRefused.has(req.realm)) {
      const res = await postToken(req, { grant_type: 'password', username: credential.username, password: credential.password }, [401, 404, 405]);
      if (typeof res !== 'number') return res;
      if (res !== 401 && postRefused.size < MAX_REMEMBERED_REALMS) postRefused.add(req.realm);
    }
    return getToken(req, basicHeader(credential.username, credential.password));
  }
  return getToken(req, undefined);
}

async function postToken(req: TokenRequest, fields: Record<string, string>, fallbackOn: readonly number[]): Promise<CachedToken | number> {
  // A number is the status that calls for the GET fallback.
  const form = new URLSearchParams({ ...fields, client_id: CLIENT_ID });
  if (req.service) form.set('service', req.service);
  if (req.scopes.length > 0) form.set('scope', req.scopes.join(' '));
  const res = await request(req.realm, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
    dispatcher: req.dispatcher,
    signal: req.signal,
  });
  if (fallbackOn.includes(res.statusCode)) {
    await res.body.dump();
    return res.statusCode;
  }
  return readToken(req, res);
}

async function getToken(req: TokenRequest, authorization: string | undefined): Promise<CachedToken> {
  const url = new URL(req.realm);
  if (req.service) url.searchParams.set('service', req.service);
  for (const scope of req.scopes) url.searchParams.append('scope', scope);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (authorization) headers.authorization = authorization;
  const res = await request(url, { method: 'GET', headers, dispatcher: req.dispatcher, signal: req.signal });
  return readToken(req, res);
}

async function readToken(req: TokenRequest, res: Dispatcher.ResponseData): Promise<CachedToken> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_TOKEN_RESPONSE) {
      res.body.destroy();
      throw new ContractError('network', `The token service of ${req.host} sent an oversized answer.`);
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  // OAuth2 answers a bad password or refresh token with 400 invalid_grant (RFC 6749 §5.2).
  const refused = res.statusCode === 401 || res.statusCode === 403 || (res.statusCode === 400 && /"invalid_grant"/.test(text));
  if (refused) {
    if (req.credential) throw new LoginRefusedError(req.host, serviceMessageOf(text));
    throw new ContractError('unauthorized', `${req.host} needs a login for this.`);
  }
  if (res.statusCode === 429) throw new ContractError('rate-limited', `The token service of ${req.host} is rate limiting; wait a little and try again.`);
  if (res.statusCode < 200 || res.statusCode >= 300) {
    throw new ContractError('network', `The token service of ${req.host} answered HTTP ${res.statusCode}.`);
  }
  let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new ContractError('network', `The token service of ${req.host} sent something that is not JSON.`);
  }
  const token = typeof body.access_token === 'string' && body.access_token ? body.access_token : body.token;
  if (typeof token !== 'string' || token.length === 0 || token.length > 64 * 1024 || /[\r\n]/.test(token)) {
    throw new ContractError('network', `The token service of ${req.host} sent no usable token.`);
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : undefined;
  return { token, expiresAt: expiryFrom((req.now ?? Date.now)(), expiresIn) };
}
