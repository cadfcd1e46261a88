/** The privileged scheme that serves the UI from out/renderer; see app-protocol.ts. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'stevedore';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const MAX_URL_LENGTH = 8192;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The origin of a URL as Chromium sees it, or null when it has none we trust.
 * Node's URL gives `null` as the origin of non-special schemes such as app:, while Chromium treats
 * our registered standard scheme like http, so it is computed here for the one scheme we serve.
 */
export function originOf(url: string): string | null {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host !== '') return `${APP_SCHEME}://${parsed.host.toLowerCase()}`;
  return null;
}

export function isSameOrigin(url: string, appOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin === appOrigin;
}

/**
 * The Vite dev server URL from STEVEDORE_DEV_URL, accepted only in an unpackaged app and only on
 * loopback http(s), so a stray environment variable cannot point the window at a remote page.
 */
export function devServerUrl(value: string | undefined, isPackaged: boolean): URL | null {
  if (isPackaged || value === undefined || value.trim() === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    throw new Error(`STEVEDORE_DEV_URL is not a URL: ${JSON.stringify(value.slice(0, 200))}.`);
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw new Error('STEVEDORE_DEV_URL must be an http(s) URL on localhost, 127.0.0.1 or [::1], e.g. http://localhost:5173/.');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new Error('STEVEDORE_DEV_URL must not contain a user name or password.');
  }
  return parsed;
}
