/** Error codes every contract call can fail with. The renderer switches on these, never on messages. */
export const errorCodes = [
  'unauthorized',
  'denied',
  'not-found',
  'invalid-input',
  'network',
  'rate-limited',
  'cancelled',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorPayload {
  code: ErrorCode;
  /** A sentence a user can act on. Never contains a secret. */
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** An error that crosses the contract as-is: its code and message reach the user. */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
