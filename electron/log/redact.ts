/**
 * Removes what must never be printed: URL userinfo, Authorization values, bearer tokens,
 * and any query parameter whose name suggests a secret.
 */
export function redact(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1')
    .replace(/\b(authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)[^"'\n,}]+/gi, '$1$2[redacted]')
    .replace(/\b(bearer|basic)\s+[a-z0-9._~+/=-]{8,}/gi, '$1 [redacted]')
    .replace(/([?&](?:token|access_token|refresh_token|password|secret|_state)=)[^&\s"']+/gi, '$1[redacted]');
}
