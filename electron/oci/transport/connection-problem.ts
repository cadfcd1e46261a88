import { redact } from '../../log/redact';
import { isAbort, networkCode, tlsCode } from '../errors';

/** Why a registry could not be talked to at all, in words that name the host and say what to check. */
export type ConnectionProblem = { kind: 'tls'; reason: string } | { kind: 'unreachable'; reason: string };

/**
 * Classifies a transport failure (not an HTTP answer): a TLS failure or an unreachable host.
 * Undefined for anything else (a ContractError, a cancellation, a bug), which callers pass on.
 */
export function connectionProblem(error: unknown, host: string): ConnectionProblem | undefined {
  if (isAbort(error) || !(error instanceof Error) || error.name === 'ContractError') return undefined;
  const tls = tlsCode(error);
  if (tls) return { kind: 'tls', reason: `TLS to ${host} failed (${detail(error, tls)})` };
  const code = networkCode(error);
  if (code) return { kind: 'unreachable', reason: unreachableReason(code, host, error) };
  return undefined;
}

function unreachableReason(code: string, host: string, error: Error): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `Nothing is listening at ${host}: is the registry running, and is the port right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The name in ${host} does not resolve: check the spelling and your network.`;
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return `${host} did not answer in time.`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return `${host} closed the connection: it may not speak HTTPS, or something in between cut it.`;
    default:
      return `${host} could not be reached (${detail(error, code)}).`;
  }
}

/** The error's own words, bounded and scrubbed; the code when there are none. */
function detail(error: Error, code: string): string {
  const message = (error.cause instanceof Error ? error.cause.message : '') || error.message;
  const text = redact(message).replace(/\s+/g, ' ').trim().slice(0, 160);
  return text && text !== code ? `${code}: ${text}` : code;
}
