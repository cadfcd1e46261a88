import { ContractError, type ErrorCode } from '../../../shared/contract';

export type BlobFailure =
  | 'digest-mismatch'
  | 'size-mismatch'
  | 'too-large'
  | 'truncated'
  | 'http-status'
  | 'resume-exhausted'
  | 'bad-response'
  | 'write-failed'
  | 'source-changed';

/** A blob transfer failure: `reason` for code and tests, the message for the user. */
export class BlobError extends ContractError {
  constructor(
    code: ErrorCode,
    readonly reason: BlobFailure,
    message: string,
  ) {
    super(code, message);
  }
}

/** Turns an unexpected HTTP status into an error a user can act on. */
export function statusError(status: number, what: string): BlobError {
  switch (status) {
    case 401:
      return new BlobError('unauthorized', 'http-status', `The registry asked for a login to ${what}.`);
    case 403:
      return new BlobError('denied', 'http-status', `The registry refused to ${what}: this account lacks permission.`);
    case 404:
      return new BlobError('not-found', 'http-status', `The registry has nothing to ${what} (404).`);
    case 413:
      // a size limit (the registry's, or a proxy's in front of it): sending again will not help
      return new BlobError('invalid-input', 'too-large', `The registry refused to ${what}: too large (HTTP 413).`);
    case 429:
      return new BlobError('rate-limited', 'http-status', `The registry is rate-limiting requests; could not ${what}. Try again later.`);
    default:
      return new BlobError('network', 'http-status', `The registry answered ${status} when asked to ${what}.`);
  }
}

export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The transfer was cancelled.', 'AbortError');
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
