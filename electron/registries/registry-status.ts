import type { ContractError, RegistryStatus } from '../../shared/contract';
import type { RegistryProbe } from '../oci/client/registry-client';
import type { ConnectionProblem } from '../oci/transport/connection-problem';
import type { RegistryCredential } from '../credentials/credential';
import type { SavedRegistry } from './saved-registry';

/** Turns an anonymous `GET /v2/` answer into the status a user sees next to the registry. */
export function statusFromProbe(probe: RegistryProbe, host: string, now = new Date()): RegistryStatus {
  const checkedAt = now.toISOString();
  if (probe.status >= 200 && probe.status < 300) return { state: 'connected', reason: `${host} answers and allows anonymous access.`, checkedAt };
  if (probe.status === 401) return { state: 'login-needed', reason: `${host} asks for a login (${schemeName(probe)}).`, checkedAt };
  if (probe.status === 404) return { state: 'error', reason: `${host} answers, but not as an OCI registry (GET /v2/ gave 404).`, checkedAt };
  return { state: 'error', reason: `${host} answered GET /v2/ with HTTP ${probe.status}.`, checkedAt };
}

/** The status when the registry could not be talked to at all. */
export function statusFromConnectionProblem(problem: ConnectionProblem, now = new Date()): RegistryStatus {
  const checkedAt = now.toISOString();
  if (problem.kind === 'tls') {
    return {
      state: 'tls-error',
      reason: `${problem.reason}. Edit the registry to trust its CA certificate file, or mark it insecure if you must.`,
      checkedAt,
    };
  }
  return { state: 'unreachable', reason: problem.reason, checkedAt };
}

/** The status after the registry accepted the active account's credential. */
export function connectedAs(host: string, username: string | undefined, now = new Date()): RegistryStatus {
  const who = username ?? 'your Docker login';
  return { state: 'connected', reason: `connected as ${who}: ${host} accepts the login.`, checkedAt: now.toISOString() };
}

/** The status after a request without a saved login got its answer: the registry serves anonymous callers. */
export function connectedAnonymously(host: string, now = new Date()): RegistryStatus {
  return { state: 'connected', reason: `${host} answers without a login.`, checkedAt: now.toISOString() };
}

/** Who a credential logs in as: its user name, else the registry's active account (an identity token names no user). */
export function loginName(saved: SavedRegistry, credential: RegistryCredential): string | undefined {
  return 'username' in credential ? credential.username : saved.accounts.find((a) => a.active)?.username;
}

/** The status after the registry answered the active account's credential with an error. */
export function statusFromLoginError(error: ContractError, host: string, username: string | undefined, now = new Date()): RegistryStatus {
  const checkedAt = now.toISOString();
  const who = username ? `${username}'s` : 'the Docker';
  if (error.code === 'denied') return { state: 'error', reason: error.message, checkedAt };
  if (error.code === 'unauthorized') {
    return { state: 'login-needed', reason: `login needed: the registry refused ${who} login. Log in again with a current password or token.`, checkedAt };
  }
  if (error.code === 'rate-limited') return { state: 'error', reason: `${host} is rate-limiting requests; check again in a minute.`, checkedAt };
  return { state: 'error', reason: error.message, checkedAt };
}

/** `Basic`, `Bearer`, or the first scheme offered as the registry spelled it in lower case. */
function schemeName(probe: RegistryProbe): string {
  const scheme = probe.challenge?.scheme ?? probe.schemes[0];
  if (!scheme) return 'no challenge given';
  return scheme === 'basic' || scheme === 'bearer' ? scheme[0]!.toUpperCase() + scheme.slice(1) : scheme;
}
