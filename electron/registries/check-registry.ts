import { ContractError, type RegistryStatus } from '../../shared/contract';
import type { RegistryCredential } from '../credentials/credential';
import { readCa } from '../credentials/ca-file';
import { withCheckClient } from '../credentials/check-client';
import type { RegistryClient } from '../oci/client/registry-client';
import { isAbort, registryErrorFrom, toContractError } from '../oci/errors';
import { connectionProblem } from '../oci/transport/connection-problem';
import { checkLocal } from './check-local';
import { isOpenedLayoutKind } from '../../shared/registries/registry-presets';
import { checkOpened } from '../imports/layout-status';
import { connectedAs, loginName, statusFromConnectionProblem, statusFromLoginError, statusFromProbe } from './registry-status';
import type { SavedRegistry } from './saved-registry';

const CHECK_TIMEOUT_MS = 10_000;

export interface CheckDeps {
  /** The credential the OCI client would use for this host, if any. */
  credentialFor(host: string): Promise<RegistryCredential | undefined>;
}

/**
 * How a registry looks right now, through one OCI client: an anonymous `GET /v2/` (reachable? TLS?
 * does it ask for a login?), then, when the active account has a credential, `GET /v2/` answering
 * the challenge just learnt, to prove the login still works. Uses the registry's CA file and insecure opt-in.
 */
export async function checkRegistry(saved: SavedRegistry, deps: CheckDeps, signal?: AbortSignal): Promise<RegistryStatus> {
  if (saved.kind === 'local-store') return checkLocal(saved);
  if (isOpenedLayoutKind(saved.kind)) return checkOpened(saved, signal);
  let ca: string | undefined;
  if (saved.caCertPath) {
    try {
      ca = await readCa(saved.caCertPath);
    } catch (error) {
      return { state: 'tls-error', reason: (error as Error).message, checkedAt: new Date().toISOString() };
    }
  }
  // Read once, after the anonymous probe, and handed to the client for the authenticated ping.
  let credential: RegistryCredential | undefined;
  const target = { url: saved.url, insecure: saved.insecure, ...(ca ? { ca } : {}) };
  try {
    return await withCheckClient(target, async () => credential, CHECK_TIMEOUT_MS, async (client) => {
      const probe = await client.probe(signal);
      if (probe.status !== 401 && (probe.status < 200 || probe.status >= 300)) return statusFromProbe(probe, saved.host);
      credential = await deps.credentialFor(saved.host);
      if (!credential) return statusFromProbe(probe, saved.host);
      return await authenticatedPing(client, saved.host, loginName(saved, credential), signal);
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    const problem = connectionProblem(error, saved.host);
    if (problem) return statusFromConnectionProblem(problem);
    return { state: 'error', reason: toContractError(error).message, checkedAt: new Date().toISOString() };
  }
}

async function authenticatedPing(client: RegistryClient, host: string, username: string | undefined, signal?: AbortSignal): Promise<RegistryStatus> {
  try {
    const res = await client.send({ method: 'GET', url: '/v2/', scopes: [], ...(signal ? { signal } : {}) });
    if (res.statusCode !== 200) throw await registryErrorFrom('GET', res.url, res);
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    return connectedAs(host, username);
  } catch (error) {
    if (isAbort(error)) throw error;
    const problem = connectionProblem(error, host);
    if (problem) return statusFromConnectionProblem(problem);
    const contract = error instanceof ContractError ? error : toContractError(error);
    return statusFromLoginError(contract, host, username);
  }
}
