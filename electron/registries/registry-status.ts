import type { RegistryStatus } from '../../shared/contract';
import type { PingOutcome } from '../oci/ping';

/** Turns a `/v2/` ping into the status a user sees next to the registry. */
export function statusFromPing(outcome: PingOutcome, host: string, now = new Date()): RegistryStatus {
  const checkedAt = now.toISOString();
  switch (outcome.kind) {
    case 'ok':
      return { state: 'connected', reason: `${host} answers and allows anonymous access.`, checkedAt };
    case 'auth-required':
      return { state: 'login-needed', reason: `${host} asks for a login (${outcome.scheme}).`, checkedAt };
    case 'tls':
      return { state: 'tls-error', reason: `TLS to ${host} failed: ${outcome.reason}. Trust its CA certificate, or mark it insecure if you must.`, checkedAt };
    case 'unreachable':
      return { state: 'unreachable', reason: outcome.reason, checkedAt };
    case 'not-a-registry':
      return { state: 'error', reason: `${host} answers, but not as an OCI registry (GET /v2/ gave 404).`, checkedAt };
    case 'http-error':
      return { state: 'error', reason: `${host} answered GET /v2/ with HTTP ${outcome.status}.`, checkedAt };
  }
}
