import { Agent, request, type Dispatcher } from 'undici';

/** Every manifest type a registry may hold, for GETs made outside Stevedore's client. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

/** Error bodies are read only this far: enough to explain, bounded in memory. */
const ERROR_BODY_LIMIT = 2048;
/** Seeded manifests are tiny; anything bigger is a fault. */
const MANIFEST_LIMIT = 4 * 1024 * 1024;

export interface FetchedManifest {
  bytes: Uint8Array;
  mediaType: string;
  /** Docker-Content-Digest as the registry reported it. */
  digest: string;
}

async function readBounded(body: Dispatcher.ResponseData['body'], limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += (chunk as Buffer).byteLength;
    if (total > limit) {
      body.destroy();
      throw new Error(`response is larger than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function failure(what: string, res: Dispatcher.ResponseData): Promise<Error> {
  const text = Buffer.from(await readBounded(res.body, ERROR_BODY_LIMIT).catch(() => new Uint8Array())).toString('utf8');
  return new Error(`${what}: registry answered ${res.statusCode} ${text.trim().slice(0, 300)}`);
}

function header(res: Dispatcher.ResponseData, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Plain Distribution API calls for seeding (no auth): what skopeo cannot express, and the fast
 * path for thousands of repositories. Independent of Stevedore's own client on purpose.
 */
export class SeedHttp {
  readonly base: string;
  private readonly agent: Agent;

  constructor(host: string, connections = 16) {
    this.base = `http://${host}`;
    this.agent = new Agent({ connections, keepAliveTimeout: 10_000 });
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private call(method: Dispatcher.HttpMethod, url: string | URL, init: { headers?: Record<string, string>; body?: Uint8Array; signal?: AbortSignal } = {}) {
    return request(new URL(url, this.base), { method, dispatcher: this.agent, headers: init.headers, body: init.body, signal: init.signal });
  }

  async blobExists(repo: string, digest: string, signal?: AbortSignal): Promise<boolean> {
    const res = await this.call('HEAD', `/v2/${repo}/blobs/${digest}`, { signal });
    await res.body.dump();
    if (res.statusCode === 200) return true;
    if (res.statusCode === 404) return false;
    throw new Error(`HEAD blob ${digest} in ${repo}: registry answered ${res.statusCode}`);
  }

  /** Monolithic upload: POST opens a session, PUT <Location>&digest= sends the bytes. */
  async pushBlob(repo: string, digest: string, bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    const open = await this.call('POST', `/v2/${repo}/blobs/uploads/`, { signal });
    if (open.statusCode !== 202) throw await failure(`open upload in ${repo}`, open);
    await open.body.dump();
    await this.finishUpload(repo, digest, bytes, header(open, 'location'), signal);
  }

  private async finishUpload(repo: string, digest: string, bytes: Uint8Array, location: string | undefined, signal?: AbortSignal): Promise<void> {
    if (!location) throw new Error(`upload in ${repo}: the registry sent no Location`);
    const url = new URL(location, this.base);
    url.searchParams.set('digest', digest);
    const put = await this.call('PUT', url, {
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) },
      body: bytes,
      signal,
    });
    if (put.statusCode !== 201) throw await failure(`upload ${digest} to ${repo}`, put);
    await put.body.dump();
  }

  /** Cross-repository mount; when the registry opens a session instead (202), upload the bytes. */
  async mountBlob(repo: string, digest: string, from: string, bytes: Uint8Array, signal?: AbortSignal): Promise<'mounted' | 'uploaded'> {
    const query = new URLSearchParams({ mount: digest, from });
    const res = await this.call('POST', `/v2/${repo}/blobs/uploads/?${query}`, { signal });
    if (res.statusCode === 201) {
      await res.body.dump();
      return 'mounted';
    }
    if (res.statusCode !== 202) throw await failure(`mount ${digest} into ${repo}`, res);
    await res.body.dump();
    await this.finishUpload(repo, digest, bytes, header(res, 'location'), signal);
    return 'uploaded';
  }

  async putManifest(repo: string, reference: string, mediaType: string, bytes: Uint8Array, signal?: AbortSignal): Promise<string> {
    const res = await this.call('PUT', `/v2/${repo}/manifests/${reference}`, {
      headers: { 'content-type': mediaType },
      body: bytes,
      signal,
    });
    if (res.statusCode !== 201) throw await failure(`PUT manifest ${repo}:${reference}`, res);
    await res.body.dump();
    const digest = header(res, 'docker-content-digest');
    if (!digest) throw new Error(`PUT manifest ${repo}:${reference}: no Docker-Content-Digest in the answer`);
    return digest;
  }

  async getManifest(repo: string, reference: string, signal?: AbortSignal): Promise<FetchedManifest> {
    const res = await this.call('GET', `/v2/${repo}/manifests/${reference}`, { headers: { accept: MANIFEST_ACCEPT }, signal });
    if (res.statusCode !== 200) throw await failure(`GET manifest ${repo}:${reference}`, res);
    const bytes = await readBounded(res.body, MANIFEST_LIMIT);
    return { bytes, mediaType: header(res, 'content-type') ?? '', digest: header(res, 'docker-content-digest') ?? '' };
  }

  async getBlob(repo: string, digest: string, limit: number, signal?: AbortSignal): Promise<Uint8Array> {
    const res = await this.call('GET', `/v2/${repo}/blobs/${digest}`, { signal });
    if (res.statusCode === 307 || res.statusCode === 302) throw new Error(`blob ${digest} redirects: not expected from a local registry`);
    if (res.statusCode !== 200) throw await failure(`GET blob ${repo}@${digest}`, res);
    return readBounded(res.body, limit);
  }

  async listTags(repo: string, signal?: AbortSignal): Promise<string[]> {
    const res = await this.call('GET', `/v2/${repo}/tags/list`, { signal });
    if (res.statusCode !== 200) throw await failure(`list tags of ${repo}`, res);
    const body = JSON.parse(Buffer.from(await readBounded(res.body, MANIFEST_LIMIT)).toString('utf8')) as { tags?: unknown };
    return Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string') : [];
  }

  /** Every repository, following `Link` pages of `pageSize`. */
  async catalog(pageSize = 1000, signal?: AbortSignal): Promise<string[]> {
    const all: string[] = [];
    let next: string | undefined = `/v2/_catalog?n=${pageSize}`;
    while (next) {
      const res = await this.call('GET', next, { signal });
      if (res.statusCode !== 200) throw await failure('list the catalog', res);
      const body = JSON.parse(Buffer.from(await readBounded(res.body, 64 * 1024 * 1024)).toString('utf8')) as { repositories?: unknown };
      if (Array.isArray(body.repositories)) all.push(...body.repositories.filter((r): r is string => typeof r === 'string'));
      const link = header(res, 'link');
      next = link ? /<([^>]+)>/.exec(link)?.[1] : undefined;
    }
    return all;
  }
}
