import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Writes redacted lines to stderr. Every log line in the main process goes through here. */
export function createLogger(scope: string, minimum: LogLevel = (process.env.STEVEDORE_LOG as LogLevel) || 'info'): Logger {
  const write = (level: LogLevel, message: string) => {
    if (order[level] < (order[minimum] ?? 1)) return;
    process.stderr.write(`${new Date().toISOString()} ${level} [${scope}] ${redact(message)}\n`);
  };
  return {
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m, e) => write('error', e === undefined ? m : `${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
  };
}
