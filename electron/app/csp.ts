import { contentSecurityPolicy } from '../host/content-security-policy';

/** The Electron window's policy (its app:// origin needs no socket). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** Headers on every response of the app:// protocol. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}
