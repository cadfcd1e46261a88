import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { contentTypeFor } from './content-type';
import { appResponseHeaders } from './csp';
import { isInside, resolveAppPath } from './resolve-app-path';

/**
 * Answers one app:// request from the renderer folder: a streamed file with the CSP header, or a
 * plain 404. Links are resolved and must still land inside the folder. Uses only Node and the Web
 * Response class, so it runs in tests as it runs in Electron's protocol.handle.
 */
export async function serveAppFile(root: string, requestUrl: string, method = 'GET'): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveAppPath(root, requestUrl);
  if (file === null) return plain(404, 'Not found');
  let real: string;
  try {
    const realRoot = await realpath(root);
    real = await realpath(file);
    if (!isInside(realRoot, real)) return plain(404, 'Not found');
    if (!(await stat(real)).isFile()) return plain(404, 'Not found');
  } catch {
    return plain(404, 'Not found');
  }
  const headers = appResponseHeaders(contentTypeFor(real));
  if (method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = Readable.toWeb(createReadStream(real)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}
