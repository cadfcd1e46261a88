import { ContractError } from '../../../shared/contract';

const MAX_MESSAGE = 200;

/**
 * A token service refused the credential it was given. The message stays generic; `serviceMessage`
 * keeps what the service said (bounded, single line, untrusted) for callers that quote it, such as
 * the login check. It may echo the user name, so callers scrub their own secret before showing it.
 */
export class LoginRefusedError extends ContractError {
  constructor(
    host: string,
    readonly serviceMessage: string | undefined,
  ) {
    super('unauthorized', `${host} refused the login: check the user name and password.`);
  }
}

/** What a registry or token service says in its error body: Distribution `errors[0].message`, OAuth2 `error_description`, or `details`. */
export function serviceMessageOf(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { errors, error_description: description, details } = parsed as Record<string, unknown>;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  const fromErrors = typeof first === 'object' && first !== null ? (first as Record<string, unknown>).message : undefined;
  const message = [fromErrors, description, details].find((m): m is string => typeof m === 'string' && m.trim().length > 0);
  return message === undefined ? undefined : message.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MAX_MESSAGE);
}
