import { commandOutput, measureCommand, syncFile } from './measure';

/** skopeo, talking plain HTTP to the loopback registry, with a throw-away HOME for its caches. */
export interface SkopeoEnv {
  home: string;
}

function env(skopeo: SkopeoEnv): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: skopeo.home, TMPDIR: skopeo.home };
}

/**
 * `skopeo copy oci:<layout>:<tag> docker://<host>/<repository>:<tag>`, the whole command timed.
 * `--preserve-digests`: without it skopeo gzips uncompressed layers on the way (other bytes, more work).
 */
export function skopeoPush(skopeo: SkopeoEnv, layoutDir: string, tag: string, host: string, repository: string): Promise<number> {
  return measureCommand('skopeo', ['copy', '--quiet', '--preserve-digests', '--dest-tls-verify=false', `oci:${layoutDir}:${tag}`, `docker://${host}/${repository}:${tag}`], env(skopeo));
}

/** `skopeo copy docker://… oci:<fresh dir>:<tag>`, keeping the layers as they are (no recompression). */
export function skopeoPull(skopeo: SkopeoEnv, host: string, repository: string, tag: string, layoutDir: string): Promise<number> {
  return measureCommand(
    'skopeo',
    ['copy', '--quiet', '--preserve-digests', '--src-tls-verify=false', '--dest-oci-accept-uncompressed-layers', `docker://${host}/${repository}:${tag}`, `oci:${layoutDir}:${tag}`],
    env(skopeo),
  );
}

/** The pull floor: `curl -o <file> <blob URL>`, then fdatasync (Stevedore and skopeo sync too). */
export async function curlPull(url: string, targetPath: string): Promise<number> {
  const started = performance.now();
  await measureCommand('curl', ['--silent', '--show-error', '--fail', '--output', targetPath, url]);
  await syncFile(targetPath);
  return performance.now() - started;
}

/** A file on disk with its digest already known. */
export interface KnownBlob {
  path: string;
  digest: string;
}

// `Expect:` off: curl would otherwise wait for a 100 Continue before sending a large body.
const CURL_UPLOAD = ['--silent', '--show-error', '--fail', '-H', 'Expect:', '-H', 'content-type: application/octet-stream'];

/**
 * The registry's ingest ceiling, one monolithic PUT: POST a session, then
 * `curl -T <file> "<Location>&digest=…"`. The cheapest client there is (digest known, no hashing),
 * so what it takes is what the registry itself needs to receive, hash and store the blob.
 */
export async function curlPushMonolithic(baseUrl: string, repository: string, blob: KnownBlob): Promise<number> {
  const started = performance.now();
  const location = await startSession(baseUrl, repository);
  await commandOutput('curl', [...CURL_UPLOAD, '--output', '/dev/null', '--upload-file', blob.path, withDigest(location, blob.digest)]);
  return performance.now() - started;
}

/** The same ceiling in the shape Stevedore uses: one streamed `curl -X PATCH -T`, then an empty PUT with the digest. */
export async function curlPushPatch(baseUrl: string, repository: string, blob: KnownBlob): Promise<number> {
  const started = performance.now();
  const location = await startSession(baseUrl, repository);
  const headers = await commandOutput('curl', [...CURL_UPLOAD, '--request', 'PATCH', '--dump-header', '-', '--output', '/dev/null', '--upload-file', blob.path, location]);
  const next = /^location:\s*(\S+)\s*$/im.exec(headers)?.[1];
  if (!next) throw new Error('the registry answered the PATCH without a Location');
  const committed = await send(withDigest(new URL(next, baseUrl).href, blob.digest), 'PUT');
  await committed.arrayBuffer();
  if (committed.status !== 201) throw new Error(`PUT after PATCH answered ${committed.status}`);
  return performance.now() - started;
}

async function startSession(baseUrl: string, repository: string): Promise<string> {
  const response = await send(`${baseUrl}/v2/${repository}/blobs/uploads/`, 'POST');
  await response.arrayBuffer();
  const location = response.headers.get('location');
  if (response.status !== 202 || !location) throw new Error(`POST upload answered ${response.status}`);
  return new URL(location, baseUrl).href;
}

async function send(url: string, method: 'POST' | 'PUT'): Promise<Response> {
  try {
    // No body: fetch itself sends `Content-Length: 0` for a POST or PUT.
    return await fetch(url, { method });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new Error(`${method} ${new URL(url).pathname} failed: ${cause ?? String(error)}`);
  }
}

function withDigest(location: string, digest: string): string {
  const url = new URL(location);
  url.searchParams.set('digest', digest);
  return url.href;
}
