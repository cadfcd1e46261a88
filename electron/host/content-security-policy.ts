/**
 * The renderer's Content-Security-Policy, one for both hosts (the web host adds its socket to
 * connect-src). Styles are 'self' only: Svelte's compiled CSS is an external file, and `style:`
 * directives go through CSSOM, which CSP does not block. No `data:` images: the UI has none, and
 * Electronegativity rightly flags them.
 */
export function contentSecurityPolicy(extraConnectSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    ['connect-src', "'self'", ...extraConnectSources].join(' '),
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
