import type { RegistryHttp, RegistryResponse } from '../registry-http';
import { statusError } from './blob-error';
import { appendQuery, header, pullScope, pushScope, resolveLocation, uploadsPath } from './blob-paths';
import { short } from './blob-verifier';
import { discard } from './response-body';

/** An open upload session: where to send the next request, and the registry's minimum chunk. */
export interface UploadSession {
  location: string;
  minChunk: number | undefined;
}

export type StartOutcome = { kind: 'mounted' } | { kind: 'session'; session: UploadSession };

/** POST a new upload session, or a cross-repo mount (201 mounted, 202 a session to continue). */
export async function startUpload(
  http: RegistryHttp,
  repository: string,
  options: { mount?: { digest: string; from: string }; signal?: AbortSignal },
): Promise<StartOutcome> {
  const base = uploadsPath(repository);
  const url = options.mount ? `${base}?mount=${encodeURIComponent(options.mount.digest)}&from=${encodeURIComponent(options.mount.from)}` : base;
  const scopes = options.mount ? [pushScope(repository), pullScope(options.mount.from)] : [pushScope(repository)];
  const response = await http.send({ method: 'POST', url, headers: { 'content-length': '0' }, scopes, signal: options.signal });
  await discard(response);
  if (options.mount && response.statusCode === 201) return { kind: 'mounted' };
  if (response.statusCode !== 202) {
    throw statusError(response.statusCode, options.mount ? `mount blob ${short(options.mount.digest)} from ${options.mount.from}` : `start an upload to ${repository}`);
  }
  return { kind: 'session', session: sessionFrom(response, undefined) };
}

/** The session as the latest answer describes it (registries may move the Location each step). */
export function sessionFrom(response: RegistryResponse, previous: UploadSession | undefined): UploadSession {
  const location = header(response.headers, 'location');
  const minHeader = header(response.headers, 'oci-chunk-min-length');
  const min = minHeader !== undefined && /^\d{1,15}$/.test(minHeader.trim()) ? Number(minHeader) : undefined;
  return {
    location: location ? resolveLocation(location, response.url) : (previous?.location ?? resolveLocation(undefined, response.url)),
    minChunk: min ?? previous?.minChunk,
  };
}

/** Asks the registry how many bytes of the session it holds (`GET <Location>` → `Range: 0-<end>`). */
export async function uploadOffset(
  http: RegistryHttp,
  repository: string,
  session: UploadSession,
  signal?: AbortSignal,
): Promise<{ offset: number; session: UploadSession }> {
  const response = await http.send({ method: 'GET', url: session.location, scopes: [pushScope(repository)], signal });
  await discard(response);
  if (response.statusCode !== 204 && response.statusCode !== 200) throw statusError(response.statusCode, 'check how much of the upload arrived');
  return { offset: parseUploadRange(header(response.headers, 'range')), session: sessionFrom(response, session) };
}

/** `Range: 0-<end>` (Distribution) or `bytes=0-<end>` → the next offset; absent → 0. */
export function parseUploadRange(range: string | undefined): number {
  if (range === undefined) return 0;
  const match = /^(?:bytes=)?0-(\d{1,15})$/.exec(range.trim());
  if (!match) return 0;
  // Distribution writes "0-0" both for an empty session and for one byte; 0 is the safe reading.
  const end = Number(match[1]);
  return end === 0 ? 0 : end + 1;
}

/** Ends an upload session we are abandoning; best effort, never throws, ignores the caller's abort. */
export async function cancelUpload(http: RegistryHttp, repository: string, session: UploadSession): Promise<void> {
  try {
    const response = await http.send({ method: 'DELETE', url: session.location, scopes: [pushScope(repository)], signal: AbortSignal.timeout(10_000) });
    await discard(response);
  } catch {
    // the session expires on the registry anyway
  }
}

/** The final `PUT <Location>&digest=…`, with the last bytes (or none). */
export function commitUrl(session: UploadSession, digest: string): string {
  return appendQuery(session.location, 'digest', digest);
}
