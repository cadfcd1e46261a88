import { ContractError } from '../../../shared/contract';
import { pullScope, pushScope, repositoryScope } from '../auth/scopes';
import { header } from '../headers';
import { registryErrorFrom } from '../errors';
import { MAX_MANIFEST_BYTES, readBounded } from '../read-bounded';
import { assertDigest, digestOf, digestAlgorithm, isDigest } from '../reference/digest';
import { assertRepository, assertTag } from '../reference/reference';
import type { RegistryHttp } from '../registry-http';
import { canonicalIndex, canonicalManifest } from './canonical-json';
import { MANIFEST_ACCEPT, OCI_INDEX, OCI_MANIFEST } from './media-types';
import type { Descriptor, FetchedManifest, ImageIndex, ImageManifest } from './manifest-types';
import { mediaTypeOf, parseManifest } from './parse-manifest';
import type { ManifestStorage } from '../storage';

/** A tag or a digest, validated before any request is built with it. */
function checkReference(reference: string): string {
  return reference.includes(':') ? assertDigest(reference) : assertTag(reference);
}

export interface PushOptions {
  signal?: AbortSignal;
  /** Only write when the current manifest still has this ETag. */
  ifMatch?: string;
}

/** oras-go's `repository.Manifests()`: resolve, fetch, push, delete manifests of one repository. */
export class ManifestStore implements ManifestStorage {
  constructor(
    private readonly http: RegistryHttp,
    readonly repository: string,
  ) {
    assertRepository(repository);
  }

  private path(reference: string): string {
    return `/v2/${this.repository}/manifests/${checkReference(reference)}`;
  }

  /** HEAD: the descriptor a tag or digest points at, verified against a digest request. */
  async resolve(reference: string, signal?: AbortSignal): Promise<Descriptor> {
    const path = this.path(reference);
    const res = await this.http.send({ method: 'HEAD', url: path, headers: { accept: MANIFEST_ACCEPT }, scopes: [pullScope(this.repository)], ...(signal ? { signal } : {}) });
    if (res.statusCode !== 200) throw await registryErrorFrom('HEAD', res.url, res);
    await res.body.dump().catch(() => undefined);
    const sent = header(res.headers, 'docker-content-digest');
    const mediaType = header(res.headers, 'content-type')?.split(';', 1)[0]?.trim();
    const size = Number(header(res.headers, 'content-length'));
    const byDigest = isDigest(reference) ? reference : undefined;
    if (sent !== undefined && !isDigest(sent)) throw new ContractError('network', 'The registry sent an invalid Docker-Content-Digest header.');
    if (byDigest && sent && sent !== byDigest) throw new ContractError('network', `The registry answered for ${sent} when asked for ${byDigest}.`);
    const digest = sent ?? byDigest;
    if (!digest || !mediaType || !Number.isSafeInteger(size) || size < 0) {
      return (await this.fetch(reference, signal)).descriptor;
    }
    if (size > MAX_MANIFEST_BYTES) throw new ContractError('invalid-input', 'The manifest is larger than 4 MiB, the most Stevedore accepts.');
    return { mediaType, digest, size };
  }

  /** GET with every manifest type in Accept; verifies the digest and the shape. */
  async fetch(reference: string, signal?: AbortSignal): Promise<FetchedManifest> {
    const path = this.path(reference);
    const res = await this.http.send({ method: 'GET', url: path, headers: { accept: MANIFEST_ACCEPT }, scopes: [pullScope(this.repository)], ...(signal ? { signal } : {}) });
    if (res.statusCode !== 200) throw await registryErrorFrom('GET', res.url, res);
    const bytes = await readBounded(res.body, res.headers['content-length'], MAX_MANIFEST_BYTES, 'manifest');
    const sent = header(res.headers, 'docker-content-digest');
    const expected = isDigest(reference) ? reference : undefined;
    for (const claimed of [expected, sent]) {
      if (claimed === undefined) continue;
      if (!isDigest(claimed)) throw new ContractError('network', 'The registry sent an invalid Docker-Content-Digest header.');
      if (digestOf(bytes, digestAlgorithm(claimed)) !== claimed) {
        throw new ContractError('network', `The manifest the registry sent does not match its digest ${claimed}; it may be corrupt or tampered with.`);
      }
    }
    const contentType = header(res.headers, 'content-type');
    const parsed = parseManifest(bytes, contentType);
    const digest = expected ?? sent ?? digestOf(bytes);
    const mediaType = mediaTypeOf(parsed, contentType?.split(';', 1)[0]?.trim() ?? OCI_MANIFEST);
    const etag = header(res.headers, 'etag');
    return { descriptor: { mediaType, digest, size: bytes.length }, bytes, parsed, ...(etag ? { etag } : {}) };
  }

  async exists(reference: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.resolve(reference, signal);
      return true;
    } catch (error) {
      if (error instanceof ContractError && error.code === 'not-found') return false;
      if ((error as { status?: number }).status === 404) return false;
      throw error;
    }
  }

  /** PUT exact bytes under a tag or their digest; returns the descriptor of what was stored. */
  async push(bytes: Buffer, mediaType: string, reference?: string, options: PushOptions = {}): Promise<Descriptor> {
    if (bytes.length > MAX_MANIFEST_BYTES) throw new ContractError('invalid-input', 'The manifest is larger than 4 MiB, the most registries accept.');
    parseManifest(bytes, mediaType);
    const digest = digestOf(bytes, reference && isDigest(reference) ? digestAlgorithm(reference) : 'sha256');
    if (reference && isDigest(reference) && reference !== digest) throw new ContractError('invalid-input', `The manifest bytes have digest ${digest}, not ${reference}.`);
    const headers: Record<string, string> = { 'content-type': mediaType };
    if (options.ifMatch) headers['if-match'] = options.ifMatch;
    const res = await this.http.send({
      method: 'PUT',
      url: this.path(reference ?? digest),
      headers,
      body: () => bytes,
      scopes: [pushScope(this.repository)],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (res.statusCode !== 201 && res.statusCode !== 200 && res.statusCode !== 204) throw await registryErrorFrom('PUT', res.url, res);
    await res.body.dump().catch(() => undefined);
    const stored = header(res.headers, 'docker-content-digest');
    if (stored && isDigest(stored) && digestAlgorithm(stored) === digestAlgorithm(digest) && stored !== digest) {
      throw new ContractError('network', `The registry stored the manifest as ${stored}, expected ${digest}.`);
    }
    return { mediaType, digest, size: bytes.length };
  }

  /** Serialises like Go tools (same inputs, same digest as `oras push`) and pushes. */
  async pushManifest(manifest: ImageManifest, reference?: string, options: PushOptions = {}): Promise<Descriptor> {
    const withType = { ...manifest, mediaType: manifest.mediaType ?? OCI_MANIFEST };
    return this.push(canonicalManifest(withType), withType.mediaType, reference, options);
  }

  async pushIndex(index: ImageIndex, reference?: string, options: PushOptions = {}): Promise<Descriptor> {
    const withType = { ...index, mediaType: index.mediaType ?? OCI_INDEX };
    return this.push(canonicalIndex(withType), withType.mediaType, reference, options);
  }

  /** DELETE by digest (Distribution refuses deletes by tag, and removes every tag on the digest). */
  async delete(digest: string, signal?: AbortSignal): Promise<void> {
    assertDigest(digest);
    const res = await this.http.send({
      method: 'DELETE',
      url: this.path(digest),
      scopes: [repositoryScope(this.repository, ['delete'])],
      ...(signal ? { signal } : {}),
    });
    if (res.statusCode !== 202 && res.statusCode !== 200 && res.statusCode !== 204) throw await registryErrorFrom('DELETE', res.url, res);
    await res.body.dump().catch(() => undefined);
  }
}
