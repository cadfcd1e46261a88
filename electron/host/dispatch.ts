import {
  calls,
  ContractError,
  isCallName,
  type CallContext,
  type Envelope,
  type ErrorPayload,
  type Handlers,
} from '../../shared/contract';
import type { Logger } from '../log/logger';
import { redact } from '../log/redact';

const MAX_ISSUES_SHOWN = 3;

/**
 * The one place a contract call becomes a service call, for every host: checks the call name,
 * validates the arguments, runs the handler, and wraps the outcome in the envelope.
 * Callers (hosts) have already checked who is calling.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  input: unknown,
  ctx: CallContext,
  log: Logger,
): Promise<Envelope<unknown>> {
  if (!isCallName(name)) {
    return fail({ code: 'invalid-input', message: `Unknown call ${JSON.stringify(String(name).slice(0, 80))}.` });
  }
  const parsed = calls[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return `${where}${issue.message}`;
    });
    return fail({ code: 'invalid-input', message: `Invalid arguments for ${name}: ${issues.join('; ')}.` });
  }
  try {
    const handler = handlers[name] as (args: unknown, ctx: CallContext) => Promise<unknown>;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value: value ?? null };
  } catch (error) {
    return fail(toErrorPayload(error, name, log));
  }
}

export function toErrorPayload(error: unknown, callName: string, log: Logger): ErrorPayload {
  if (error instanceof ContractError) return { code: error.code, message: redact(error.message) };
  if (error instanceof Error && error.name === 'AbortError') return { code: 'cancelled', message: 'Cancelled.' };
  log.error(`${callName} failed unexpectedly`, error);
  return { code: 'internal', message: `Stevedore hit an internal error in ${callName}; the log has the details.` };
}

function fail(error: ErrorPayload): Envelope<never> {
  return { ok: false, error };
}
