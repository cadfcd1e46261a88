import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';

/** A random per-launch secret: whoever holds it may drive this Stevedore. */
export function createSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes the lengths equal so length leaks nothing. */
export function tokenMatches(expected: string, candidate: string | undefined): boolean {
  if (candidate === undefined || candidate.length === 0 || candidate.length > 512) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(a, b);
}

/** Cookies are shared by every port of a host, so the port is part of the name. */
export function cookieName(port: number): string {
  return `stevedore_session_${port}`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
