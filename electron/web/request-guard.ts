import type { IncomingMessage } from 'node:http';
import { cookieName, readCookie, tokenMatches } from './session-token';

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

export interface GuardOptions {
  port: number;
  token: string;
  /** The WebSocket upgrade must carry an Origin; plain requests may omit it. */
  requireOrigin?: boolean;
}

const allowedHosts = (port: number) => [`127.0.0.1:${port}`, `localhost:${port}`];
const allowedOrigins = (port: number) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

/** Host (DNS rebinding), Origin (cross-site requests), then the session token. */
export function checkRequest(req: IncomingMessage, options: GuardOptions): GuardVerdict {
  const host = req.headers.host?.toLowerCase();
  if (!host || !allowedHosts(options.port).includes(host)) {
    return { ok: false, status: 403, message: 'Stevedore answers only to 127.0.0.1 and localhost.' };
  }
  const origin = req.headers.origin;
  if (origin === undefined ? options.requireOrigin === true : !allowedOrigins(options.port).includes(origin.toLowerCase())) {
    return { ok: false, status: 403, message: 'Requests from other sites are refused.' };
  }
  if (!hasValidToken(req, options)) {
    return { ok: false, status: 401, message: 'Open Stevedore with the address it printed when it started (it carries a one-time token).' };
  }
  return { ok: true };
}

export function hasValidToken(req: IncomingMessage, options: GuardOptions): boolean {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return tokenMatches(options.token, auth.slice('Bearer '.length).trim());
  return tokenMatches(options.token, readCookie(req.headers.cookie, cookieName(options.port)));
}
