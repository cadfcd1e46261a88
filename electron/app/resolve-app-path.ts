import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

const MAX_URL_LENGTH = 4096;
const MAX_SEGMENTS = 32;
const ENTRY_FILE = 'index.html';

/**
 * Maps an app:// request URL to a file under `root`, or null when the URL is not ours or tries to
 * leave the root: `..` (also percent-encoded), backslashes, NUL, drive letters, encoded slashes.
 * Pure: it never touches the disk; the caller still refuses links that lead outside (serve-app-file.ts).
 */
export function resolveAppPath(root: string, requestUrl: string, pathApi: path.PlatformPath = path): string | null {
  if (typeof requestUrl !== 'string' || requestUrl.length > MAX_URL_LENGTH) return null;
  // Checked on the raw text too: the URL parser rewrites backslashes into slashes for some schemes.
  if (/[\\\0]|%5c|%00/i.test(requestUrl)) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return null;
  if (url.username !== '' || url.password !== '') return null;

  const rawSegments = url.pathname.split('/').filter((segment) => segment !== '');
  if (rawSegments.length > MAX_SEGMENTS) return null;
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment) || hasControlCharacter(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push(ENTRY_FILE);

  const resolvedRoot = pathApi.resolve(root);
  const file = pathApi.resolve(resolvedRoot, ...segments);
  return isInside(resolvedRoot, file, pathApi) ? file : null;
}

export function isInside(root: string, candidate: string, pathApi: path.PlatformPath = path): boolean {
  const relative = pathApi.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !pathApi.isAbsolute(relative);
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x20 || text.charCodeAt(i) === 0x7f) return true;
  }
  return false;
}
