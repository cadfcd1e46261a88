import { createPrivateKey, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeTempDir, removeTempDir, runCommand } from './processes';

/**
 * A Docker-style token server for tests (https://distribution.github.io/distribution/spec/auth/token/):
 * GET with Basic credentials or anonymously, and the OAuth2 POST form (password and refresh_token
 * grants). It signs RS256 JWTs with a throw-away self-signed certificate that the test registry
 * trusts, and records what it issued so tests can check a client's token caching.
 */

export interface TokenServerOptions {
  /** username → password. */
  users?: Record<string, string>;
  service?: string;
  issuer?: string;
  /** Lifetime of issued tokens (`exp`, `expires_in`). Default 300 s. */
  ttlSeconds?: number;
  /** Actions an anonymous caller is granted, if it asks for them. Default `['pull']`; with `[]` anonymous tokens grant nothing, as on a private repository. */
  anonymousActions?: string[];
}

export interface Access {
  type: string;
  name: string;
  actions: string[];
}

export interface IssuedToken {
  /** The username, or '' for an anonymous token. */
  subject: string;
  via: 'get' | 'password' | 'refresh_token';
  /** The scopes as requested, e.g. `repository:team/app:pull,push`. */
  scopes: string[];
  access: Access[];
  expiresIn: number;
}

export interface TestTokenServer {
  /** The realm the registry challenges with, e.g. `http://127.0.0.1:PORT/token`. */
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** PEM certificate the registry uses as `rootcertbundle`. */
  readonly certPath: string;
  readonly users: Record<string, string>;
  /** Every token issued, oldest first. */
  readonly issued: readonly IssuedToken[];
  /** Requests refused (bad credentials, bad refresh token, bad request). */
  readonly refused: number;
  /** How many tokens were issued, in total or for requests that asked for `scope`. */
  issuedCount(scope?: string): number;
  setTtlSeconds(seconds: number): void;
  setAnonymousActions(actions: string[]): void;
  /** Forgets what was issued and refused (refresh tokens stay valid). */
  resetRecords(): void;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;
const MAX_SCOPES = 32;

export async function startTokenServer(options: TokenServerOptions = {}): Promise<TestTokenServer> {
  const dir = await makeTempDir('token');
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  await runCommand('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '7',
    '-subj', '/CN=stevedore-test-token-server', '-keyout', keyPath, '-out', certPath,
  ]);
  const privateKey = createPrivateKey(await readFile(keyPath));
  const certDer = new X509Certificate(await readFile(certPath)).raw.toString('base64');

  const users = { ...(options.users ?? {}) };
  const service = options.service ?? 'stevedore-test-registry';
  const issuer = options.issuer ?? 'stevedore-test-token-server';
  let ttlSeconds = options.ttlSeconds ?? 300;
  let anonymousActions = options.anonymousActions ?? ['pull'];
  let issued: IssuedToken[] = [];
  let refused = 0;
  const refreshTokens = new Map<string, string>();

  const signer: JwtSigner = { privateKey, certDer, issuer, service };

  function issue(subject: string, via: IssuedToken['via'], scopes: string[]): { token: string; record: IssuedToken } {
    const access = scopes.map(parseScope).filter((a): a is Access => a !== undefined).map((requested) => ({
      ...requested,
      actions: subject ? requested.actions : requested.actions.filter((action) => anonymousActions.includes(action)),
    }));
    const record: IssuedToken = { subject, via, scopes, access, expiresIn: ttlSeconds };
    issued.push(record);
    return { token: signJwt(signer, subject, access, ttlSeconds), record };
  }

  function refuse(res: ServerResponse, status: number, body: object): void {
    refused += 1;
    sendJson(res, status, body);
  }

  function handleGet(req: IncomingMessage, url: URL, res: ServerResponse): void {
    const requestedService = url.searchParams.get('service');
    if (requestedService !== null && requestedService !== service) {
      refuse(res, 400, errors('INVALID_REQUEST', `unknown service ${JSON.stringify(requestedService.slice(0, 100))}`));
      return;
    }
    const scopes = splitScopes(url.searchParams.getAll('scope'));
    let subject = '';
    const header = req.headers.authorization;
    if (header !== undefined) {
      const basic = parseBasic(header);
      if (!basic || users[basic.username] === undefined || users[basic.username] !== basic.password) {
        refuse(res, 401, errors('UNAUTHORIZED', 'invalid username or password'));
        return;
      }
      subject = basic.username;
    }
    const { token, record } = issue(subject, 'get', scopes);
    const body: Record<string, unknown> = { token, access_token: token, expires_in: record.expiresIn, issued_at: new Date().toISOString() };
    if (subject && url.searchParams.get('offline_token') === 'true') body.refresh_token = newRefreshToken(subject);
    sendJson(res, 200, body);
  }

  function handlePost(form: URLSearchParams, res: ServerResponse): void {
    const requestedService = form.get('service');
    if (requestedService !== null && requestedService !== service) {
      refuse(res, 400, { error: 'invalid_request', error_description: 'unknown service' });
      return;
    }
    const scopes = splitScopes(form.getAll('scope'));
    const grantType = form.get('grant_type');
    let subject: string;
    let refreshToken: string | undefined;
    if (grantType === 'password') {
      const username = form.get('username') ?? '';
      const password = form.get('password');
      if (!username || password === null || users[username] === undefined || users[username] !== password) {
        refuse(res, 401, { error: 'invalid_grant', error_description: 'invalid username or password' });
        return;
      }
      subject = username;
      if (form.get('access_type') === 'offline') refreshToken = newRefreshToken(subject);
    } else if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const owner = refreshTokens.get(presented);
      if (owner === undefined) {
        refuse(res, 401, { error: 'invalid_grant', error_description: 'unknown or revoked refresh token' });
        return;
      }
      subject = owner;
      refreshToken = presented;
    } else {
      refuse(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type must be password or refresh_token' });
      return;
    }
    const { token, record } = issue(subject, grantType, scopes);
    const body: Record<string, unknown> = {
      access_token: token,
      token,
      scope: scopes.join(' '),
      expires_in: record.expiresIn,
      issued_at: new Date().toISOString(),
    };
    if (refreshToken !== undefined) body.refresh_token = refreshToken;
    sendJson(res, 200, body);
  }

  function newRefreshToken(subject: string): string {
    const token = randomBytes(24).toString('base64url');
    refreshTokens.set(token, subject);
    return token;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token.invalid');
    if (url.pathname !== '/token') {
      sendJson(res, 404, errors('NOT_FOUND', 'only /token is served here'));
      return;
    }
    if (req.method === 'GET') {
      handleGet(req, url, res);
      return;
    }
    if (req.method === 'POST') {
      readForm(req)
        .then((form) => handlePost(form, res))
        .catch((error: unknown) => refuse(res, 400, { error: 'invalid_request', error_description: (error as Error).message }));
      return;
    }
    refuse(res, 405, errors('UNSUPPORTED', 'use GET or POST'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certPath,
    users,
    get issued() {
      return issued;
    },
    get refused() {
      return refused;
    },
    issuedCount(scope?: string) {
      return scope === undefined ? issued.length : issued.filter((record) => record.scopes.includes(scope)).length;
    },
    setTtlSeconds(seconds: number) {
      ttlSeconds = seconds;
    },
    setAnonymousActions(actions: string[]) {
      anonymousActions = [...actions];
    },
    resetRecords() {
      issued = [];
      refused = 0;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await removeTempDir(dir);
    },
  };
}

interface JwtSigner {
  privateKey: KeyObject;
  certDer: string;
  issuer: string;
  service: string;
}

function signJwt(signer: JwtSigner, subject: string, access: Access[], ttlSeconds: number): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', x5c: [signer.certDer] };
  const claims = {
    iss: signer.issuer,
    sub: subject,
    aud: signer.service,
    exp: now + ttlSeconds,
    nbf: now,
    iat: now,
    jti: randomBytes(16).toString('hex'),
    access,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(signingInput), signer.privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** `repository:team/app:pull,push` → {type, name, actions}; the name may itself hold colons (a host:port). */
export function parseScope(scope: string): Access | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last === first) return undefined;
  const actions = scope.slice(last + 1).split(',').filter(Boolean);
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions };
}

/** Scopes arrive as repeated parameters, each possibly holding several separated by spaces. */
function splitScopes(values: string[]): string[] {
  return values.flatMap((value) => value.split(' ')).filter(Boolean).slice(0, MAX_SCOPES);
}

function parseBasic(header: string): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      reject(new Error('the body must be application/x-www-form-urlencoded'));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('the body is too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function errors(code: string, message: string): object {
  return { errors: [{ code, message }] };
}

function sendJson(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
