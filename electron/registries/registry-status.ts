import type { ContractError, RegistryStatus } from '../../shared/contract';
import type { PingOutcome } from '../oci/ping';

/** Turns an anonymous `/v2/` ping into the status a user sees next to the registry. */
export function statusFromPing(outcome: PingOutcome, host: string, now = new Date()): RegistryStatus {
  const checkedAt = now.toISOString();
  switch (outcome.kind) {
    case 'ok':
      return { state: 'connected', reason: `${host} answers and allows anonymous access.`, checkedAt };
    case 'auth-required':
      return { state: 'login-needed', reason: `${host} asks for a login (${outcome.scheme}).`, checkedAt };
    case 'tls':
      return {
        state: 'tls-error',
        reason: `TLS to ${host} failed: ${outcome.reason}. Edit the registry to trust its CA certificate file, or mark it insecure if you must.`,
        checkedAt,
      };
    case 'unreachable':
      return { state: 'unreachable', reason: outcome.reason, checkedAt };
    case 'not-a-registry':
      return { state: 'error', reason: `${host} answers, but not as an OCI registry (GET /v2/ gave 404).`, checkedAt };
    case 'http-error':
      return { state: 'error', reason: `${host} answered GET /v2/ with HTTP ${outcome.status}.`, checkedAt };
  }
}

/** The status after the registry accepted the active account's credential. */
export function connectedAs(host: string, username: string | undefined, now = new Date()): RegistryStatus {
  const who = username ?? 'your Docker login';
  return { state: 'connected', reason: `connected as ${who}: ${host} accepts the login.`, checkedAt: now.toISOString() };
}

/** The status after the registry answered the active account's credential with an error. */
export function statusFromLoginError(error: ContractError, host: string, username: string | undefined, now = new Date()): RegistryStatus {
  const checkedAt = now.toISOString();
  const who = username ? `${username}'s` : 'the Docker';
  if (error.code === 'unauthorized' || error.code === 'denied') {
    return { state: 'login-needed', reason: `login needed: the registry refused ${who} login. Log in again with a current password or token.`, checkedAt };
  }
  if (error.code === 'rate-limited') return { state: 'error', reason: `${host} is rate-limiting requests; check again in a minute.`, checkedAt };
  return { state: 'error', reason: error.message, checkedAt };
}
