import { createHash } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import { ContractError } from '../../../shared/contract';
import { parseChallenges, pickChallenge, type Challenge } from '../auth/challenge';
import { anonymous, basicHeader, type Credential, type CredentialFunction } from '../auth/credentials';
import { realmProblem } from '../auth/realm-policy';
import { mergeScopes } from '../auth/scopes';
import { TokenCache } from '../auth/token-cache';
import { fetchToken } from '../auth/token-fetch';
import { isAbort } from '../errors';
import { header } from '../headers';
import type { RegistryHttp, RegistryRequest, RegistryResponse } from '../registry-http';
import { defaultRetryPolicy, isRetryableError, isRetryableStatus, parseRetryAfter, retryDelay, type RetryPolicy } from '../retry/retry-policy';
import { sleep as realSleep, type Sleep } from '../retry/sleep';
import { normaliseBaseUrl } from '../transport/base-url';
import { createDispatcher } from '../transport/dispatcher';
import { decideRedirect, REDIRECT_STATUSES } from '../transport/redirect-policy';

export interface RegistryClientOptions {
  /** `https://host[:port]`; loopback may be `http://`, anything else over HTTP needs `insecure`. */
  baseUrl: string;
  credentials?: CredentialFunction;
  /** Plain HTTP or unverified TLS for this registry, by explicit opt-in. */
  insecure?: boolean;
  /** PEM CA certificate(s) for this registry. */
  ca?: string | readonly string[];
  /** Connection cap to the registry. */
  connections?: number;
  retry?: Partial<RetryPolicy>;
  /** Shared between clients so tokens survive a client's life; one per client by default. */
  tokenCache?: TokenCache;
  /** Injected for tests. */
  dispatcher?: Dispatcher;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
}

/** What an anonymous `GET /v2/` told about a registry. */
export interface RegistryProbe {
  status: number;
  /** Every scheme the registry offered, lowercased. */
  schemes: string[];
  /** The one Stevedore answers (Bearer, else Basic), if any. */
  challenge?: Challenge;
}

type ChallengeState = { kind: 'unknown' } | { kind: 'none' } | { kind: 'known'; challenge: Challenge };

let foreignDispatcher: Dispatcher | undefined;
/** Other origins (blob storage a registry redirects to) get system CAs and no opt-ins. */
function dispatcherForForeignOrigins(): Dispatcher {
  foreignDispatcher ??= createDispatcher();
  return foreignDispatcher;
}

function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * The RegistryHttp implementation: one dispatcher per registry, auth from the registry's
 * challenge (Basic or Bearer with cached, single-flight tokens), one re-challenge on 401,
 * bounded retries with backoff for replayable requests, redirects followed by hand.
 */
export class RegistryClient implements RegistryHttp {
  readonly baseUrl: string;
  /** `host[:port]`, the key credentials are looked up by. */
  readonly host: string;
  private readonly dispatcher: Dispatcher;
  private readonly credentials: CredentialFunction;
  private readonly policy: RetryPolicy;
  private readonly tokens: TokenCache;
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly random: () => number;
  private challenge: ChallengeState = { kind: 'unknown' };
  private learning: Promise<void> | undefined;

  constructor(options: RegistryClientOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl, options.insecure);
    this.host = new URL(this.baseUrl).host;
    this.dispatcher = options.dispatcher ?? createDispatcher({ ca: options.ca, insecure: options.insecure, connections: options.connections });
    this.credentials = options.credentials ?? anonymous;
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.now = options.now ?? Date.now;
    this.tokens = options.tokenCache ?? new TokenCache(this.now);
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  async send(req: RegistryRequest): Promise<RegistryResponse> {
    const url = this.resolve(req.url);
    const replayable = req.replayable ?? true;
    if (!replayable && this.challenge.kind === 'unknown' && originOf(url) === originOf(this.baseUrl)) await this.learnChallenge(req.signal);
    let extraScopes: string[] = [];
    for (let authAttempt = 0; ; authAttempt++) {
      const scopes = mergeScopes(req.scopes, extraScopes);
      const authorization = await this.authorization(scopes, req.signal);
      const res = await this.sendWithRetry(req, url, authorization, replayable);
      if (res.statusCode !== 401 || authAttempt > 0 || !replayable || originOf(res.url) !== originOf(this.baseUrl)) return res;
      const challenge = pickChallenge(parseChallenges(res.headers['www-authenticate']));
      if (!challenge) return res;
      this.challenge = { kind: 'known', challenge };
      if (challenge.scheme === 'bearer') {
        // The token just refused (expired, or short of scope) must not be handed out again.
        this.tokens.invalidate(await this.tokenKey(scopes, challenge));
        extraScopes = challenge.params.scope ? challenge.params.scope.split(' ') : [];
      } else if (authorization !== undefined || !(await this.hasPassword())) {
        return res;
      }
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    }
  }

  private async hasPassword(): Promise<boolean> {
    const credential = await this.credentials(this.host);
    return credential !== undefined && 'password' in credential;
  }

  /** Ensures the next request can carry credentials without a 401 round trip first. */
  async learnChallenge(signal?: AbortSignal): Promise<void> {
    this.learning ??= this.probe(signal)
      .then(() => undefined)
      .finally(() => {
        this.learning = undefined;
      });
    return this.learning;
  }

  /**
   * `GET /v2/` without credentials: the registry's status and the challenges it sets (lowercased
   * schemes, Bearer or Basic picked). Later requests answer the picked challenge without a 401 first.
   */
  async probe(signal?: AbortSignal): Promise<RegistryProbe> {
    const res = await request(`${this.baseUrl}/v2/`, { method: 'GET', headers: { accept: 'application/json' }, dispatcher: this.dispatcher, signal });
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    const challenges = parseChallenges(res.headers['www-authenticate']);
    const challenge = pickChallenge(challenges);
    if (res.statusCode === 401 && challenge) {
      this.challenge = { kind: 'known', challenge };
    } else if (res.statusCode >= 200 && res.statusCode < 300) {
      this.challenge = { kind: 'none' };
    }
    return { status: res.statusCode, schemes: challenges.map((c) => c.scheme), ...(challenge ? { challenge } : {}) };
  }

  private resolve(target: string): string {
    if (target.startsWith('/')) {
      if (!target.startsWith('/v2/')) throw new ContractError('internal', 'A registry request path must start with /v2/.');
      return `${this.baseUrl}${target}`;
    }
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new ContractError('network', `${this.host} gave an address that is not a URL.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ContractError('network', `${this.host} gave a ${url.protocol} address.`);
    if (url.username || url.password) throw new ContractError('network', `${this.host} gave an address with credentials in it.`);
    if (new URL(this.baseUrl).protocol === 'https:' && url.protocol === 'http:') throw new ContractError('network', `${this.host} pointed to a plain-HTTP address; refused.`);
    return url.toString();
  }

  private async tokenKey(scopes: readonly string[], challenge: Challenge): Promise<string> {
    const credential = await this.credentials(this.host);
    return TokenCache.key(`${this.baseUrl} ${credentialIdentity(credential)}`, scopes, challenge.params.service ?? '');
  }

  private async authorization(scopes: readonly string[], signal?: AbortSignal): Promise<string | undefined> {
    if (this.challenge.kind !== 'known') return undefined;
    const { challenge } = this.challenge;
    const credential = await this.credentials(this.host);
    if (challenge.scheme === 'basic') {
      return credential && 'password' in credential ? basicHeader(credential.username, credential.password) : undefined;
    }
    if (credential && 'registryToken' in credential) return `Bearer ${credential.registryToken}`;
    const realm = challenge.params.realm;
    if (!realm) throw new ContractError('network', `${this.host} asked for a token without saying where to get it.`);
    const problem = realmProblem(realm, this.baseUrl);
    if (problem) throw new ContractError('denied', `Stevedore will not log in to ${this.host}: ${problem}.`);
    const service = challenge.params.service;
    const key = TokenCache.key(`${this.baseUrl} ${credentialIdentity(credential)}`, scopes, service ?? '');
    const token = await this.tokens.getOrFetch(key, () =>
      fetchToken({
        realm,
        ...(service !== undefined ? { service } : {}),
        scopes,
        ...(credential ? { credential } : {}),
        dispatcher: originOf(realm) === originOf(this.baseUrl) ? this.dispatcher : dispatcherForForeignOrigins(),
        ...(signal ? { signal } : {}),
        now: this.now,
        host: this.host,
      }),
    );
    return `Bearer ${token}`;
  }

  private async sendWithRetry(req: RegistryRequest, url: string, authorization: string | undefined, replayable: boolean): Promise<RegistryResponse> {
    for (let attempt = 1; ; attempt++) {
      let res: RegistryResponse;
      try {
        res = await this.sendFollowingRedirects(req, url, authorization, replayable);
      } catch (error) {
        if (isAbort(error) || !replayable || !isRetryableError(error)) throw error;
        const delay = retryDelay(this.policy, attempt, undefined, this.random);
        if (delay === undefined) throw error;
        await this.sleep(delay, req.signal);
        continue;
      }
      if (!replayable || !isRetryableStatus(res.statusCode)) return res;
      const retryAfter = header(res.headers, 'retry-after');
      const delay = retryDelay(this.policy, attempt, parseRetryAfter(retryAfter, this.now()), this.random);
      if (delay === undefined) return res;
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      await this.sleep(delay, req.signal);
    }
  }

  private async sendFollowingRedirects(req: RegistryRequest, start: string, authorization: string | undefined, replayable: boolean): Promise<RegistryResponse> {
    let url = start;
    let method: string = req.method;
    let withBody = req.body !== undefined;
    const baseOrigin = originOf(this.baseUrl);
    for (let hops = 0; ; hops++) {
      const sameOrigin = originOf(url) === baseOrigin;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers ?? {})) {
        if (name.toLowerCase() !== 'authorization') headers[name] = value;
      }
      if (!withBody) {
        delete headers['content-type'];
        delete headers['Content-Type'];
      }
      if (authorization && sameOrigin) headers.authorization = authorization;
      const res = await request(url, {
        method: method,
        headers,
        body: withBody && req.body ? req.body() : undefined,
        dispatcher: sameOrigin ? this.dispatcher : dispatcherForForeignOrigins(),
        signal: req.signal,
      });
      if (!REDIRECT_STATUSES.has(res.statusCode)) return { statusCode: res.statusCode, headers: res.headers, body: res.body, url };
      const decision = decideRedirect({
        from: url,
        origin: this.baseUrl,
        location: header(res.headers, 'location'),
        status: res.statusCode,
        method,
        hasBody: withBody,
        replayable,
        hops,
      });
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      if (!decision.follow) throw new ContractError('network', `${this.host} sent a redirect Stevedore will not follow: ${decision.reason}.`);
      url = decision.url;
      method = decision.method;
      withBody = decision.keepBody;
      if (!decision.keepAuthorization) authorization = undefined;
    }
  }
}

/** Distinguishes logins in the token cache key without keeping a secret in it. */
function credentialIdentity(credential: Credential | undefined): string {
  if (!credential) return 'anonymous';
  const secret = 'registryToken' in credential ? credential.registryToken : 'identityToken' in credential ? credential.identityToken : credential.password;
  const user = 'username' in credential ? (credential.username ?? '') : '';
  return `${user}#${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
}
