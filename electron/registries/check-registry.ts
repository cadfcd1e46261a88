import type { Dispatcher } from 'undici';
import { ContractError, type RegistryStatus } from '../../shared/contract';
import type { RegistryCredential } from '../credentials/credential';
import { readCa } from '../credentials/verify-login';
import { createRegistry } from '../oci/index';
import { pingRegistry } from '../oci/ping';
import { createDispatcher } from '../oci/transport/dispatcher';
import { toContractError } from '../oci/errors';
import { connectedAs, statusFromLoginError, statusFromPing } from './registry-status';
import type { SavedRegistry } from './saved-registry';

const PING_TIMEOUT_MS = 10_000;

export interface CheckDeps {
  /** The credential the OCI client would use for this host, if any. */
  credentialFor(host: string): Promise<RegistryCredential | undefined>;
}

/**
 * How a registry looks right now: an anonymous `GET /v2/` (reachable? TLS? does it ask for a
 * login?), then, when the active account has a credential, the same through the OCI client's
 * authentication to prove the login still works. Uses the registry's own CA file and insecure opt-in.
 */
export async function checkRegistry(saved: SavedRegistry, deps: CheckDeps, signal?: AbortSignal): Promise<RegistryStatus> {
  let ca: string | undefined;
  if (saved.caCertPath) {
    try {
      ca = await readCa(saved.caCertPath);
    } catch (error) {
      return { state: 'tls-error', reason: (error as Error).message, checkedAt: new Date().toISOString() };
    }
  }
  const dispatcher = createDispatcher({
    ...(ca ? { ca } : {}),
    insecure: saved.insecure,
    connections: 2,
    headersTimeoutMs: PING_TIMEOUT_MS,
    bodyTimeoutMs: PING_TIMEOUT_MS,
  });
  try {
    const anonymous = await pingRegistry(saved.url, { dispatcher, timeoutMs: PING_TIMEOUT_MS, ...(signal ? { signal } : {}) });
    if (anonymous.kind !== 'ok' && anonymous.kind !== 'auth-required') return statusFromPing(anonymous, saved.host);
    const credential = await deps.credentialFor(saved.host);
    if (!credential) return statusFromPing(anonymous, saved.host);
    const username = 'username' in credential ? credential.username : saved.accounts.find((a) => a.active)?.username;
    return await authenticatedPing(saved, credential, username, dispatcher, signal);
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
}

async function authenticatedPing(
  saved: SavedRegistry,
  credential: RegistryCredential,
  username: string | undefined,
  dispatcher: Dispatcher,
  signal?: AbortSignal,
): Promise<RegistryStatus> {
  const registry = createRegistry({ baseUrl: saved.url, credentials: async () => credential, insecure: saved.insecure, dispatcher, retry: { maxAttempts: 1 } });
  try {
    await registry.ping(signal);
    return connectedAs(saved.host, username);
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    const contract = error instanceof ContractError ? error : toContractError(error);
    if (contract.code === 'cancelled') throw error;
    return statusFromLoginError(contract, saved.host, username);
  }
}
