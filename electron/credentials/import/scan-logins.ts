import { createHash } from 'node:crypto';
import type { ImportCandidate } from '../../../shared/contract';
import { credentialHost } from '../credential-host';
import { inlineLogin, readAuthFile, type AuthFile } from './auth-file';
import { CredentialHelperError, helperGet, helperList, type HelperOptions } from './credential-helper';
import { authFileLocations, type LoginSource } from './login-sources';

/** A login another tool has, as the import dialog lists it (no secret): the contract's ImportCandidate. */
export type FoundLogin = ImportCandidate;

export interface ScanResult {
  found: FoundLogin[];
  /** One sentence per source that could not be read (missing helper, bad JSON…). */
  problems: string[];
}

/** A found login with its secret, read again in the main process at import time. */
export interface LoginWithSecret extends FoundLogin {
  secret: string;
}

export interface ScanOptions {
  env?: NodeJS.ProcessEnv;
  helperTimeoutMs?: number;
  signal?: AbortSignal;
}

interface Candidate {
  login: FoundLogin;
  readSecret(): Promise<string>;
}

/** Finds the logins Docker, Podman and Helm have, without reading any secret out of a helper's keychain more than needed and without returning one. */
export async function scanLogins(options: ScanOptions = {}): Promise<ScanResult> {
  const { candidates, problems } = await collect(options);
  return { found: candidates.map((c) => c.login), problems };
}

/** Reads the secrets of the chosen logins again; a login that vanished since the scan is reported as a problem. */
export async function readChosenLogins(ids: readonly string[], options: ScanOptions = {}): Promise<{ logins: LoginWithSecret[]; problems: string[] }> {
  const wanted = new Set(ids);
  const { candidates, problems } = await collect(options);
  const logins: LoginWithSecret[] = [];
  for (const candidate of candidates.filter((c) => wanted.has(c.login.id))) {
    try {
      logins.push({ ...candidate.login, secret: await candidate.readSecret() });
    } catch (error) {
      problems.push(describe(error));
    }
    wanted.delete(candidate.login.id);
  }
  if (wanted.size > 0) problems.push(`${wanted.size} of the chosen logins are no longer there; scan again.`);
  return { logins, problems };
}

async function collect(options: ScanOptions): Promise<{ candidates: Candidate[]; problems: string[] }> {
  const env = options.env ?? process.env;
  const helperOptions: HelperOptions = { env, ...(options.helperTimeoutMs ? { timeoutMs: options.helperTimeoutMs } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  const candidates: Candidate[] = [];
  const problems: string[] = [];
  for (const location of authFileLocations(env)) {
    let file: AuthFile | undefined;
    try {
      file = await readAuthFile(location.path);
    } catch (error) {
      problems.push(describe(error));
      continue;
    }
    if (!file) continue;
    const base = { source: location.source, file: location.path };
    const helperFor = file.credHelpers ?? {};
    const helperHosts = new Set(Object.keys(helperFor).map((key) => credentialHost(key)));

    for (const [serverKey, entry] of Object.entries(file.auths ?? {})) {
      const host = credentialHost(serverKey);
      const login = inlineLogin(entry);
      if (!login && entry.auth) {
        // Never quote the entry: it may hold a secret.
        problems.push(`The login for ${JSON.stringify(serverKey.slice(0, 100))} in ${location.path} has an "auth" value that is not base64 of user:password; it was skipped.`);
      }
      if (!host || !login || helperHosts.has(host)) continue;
      candidates.push({
        login: { ...base, id: idOf(location.path, 'file', serverKey), via: { kind: 'file' }, serverKey, host, username: login.username, secretKind: login.secretKind },
        readSecret: async () => login.secret,
      });
    }

    if (file.credsStore) {
      const helper = file.credsStore;
      try {
        const listed = await helperList(helper, helperOptions);
        for (const [serverKey, username] of Object.entries(listed)) {
          const host = credentialHost(serverKey);
          if (!host || helperHosts.has(host)) continue;
          candidates.push(helperCandidate(base, location.path, helper, serverKey, host, username, helperOptions));
        }
      } catch (error) {
        problems.push(describe(error));
      }
    }

    for (const [serverKey, helper] of Object.entries(helperFor)) {
      const host = credentialHost(serverKey);
      if (!host) continue;
      try {
        const got = await helperGet(helper, serverKey, helperOptions);
        candidates.push(helperCandidate(base, location.path, helper, serverKey, host, got.username, helperOptions));
      } catch (error) {
        if (!(error instanceof CredentialHelperError && error.reason === 'not-found')) problems.push(describe(error));
      }
    }
  }
  return { candidates, problems };
}

function helperCandidate(
  base: { source: LoginSource; file: string },
  path: string,
  helper: string,
  serverKey: string,
  host: string,
  username: string,
  options: HelperOptions,
): Candidate {
  const identity = username === '<token>';
  return {
    login: {
      ...base,
      id: idOf(path, `helper:${helper}`, serverKey),
      via: { kind: 'helper', helper },
      serverKey,
      host,
      username,
      secretKind: identity ? 'identity-token' : 'password',
    },
    readSecret: async () => {
      const got = await helperGet(helper, serverKey, options);
      if (got.username !== username) throw new CredentialHelperError(helper, 'failed', `docker-credential-${helper} now has another user for ${host}; scan again.`);
      return got.secret;
    },
  };
}

function idOf(path: string, via: string, serverKey: string): string {
  return createHash('sha256').update(`${path}\n${via}\n${serverKey}`).digest('hex').slice(0, 16);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
