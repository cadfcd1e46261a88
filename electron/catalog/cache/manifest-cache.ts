import { digestOf } from '../../oci';
import type { ArtifactRepository } from '../../oci';
import type { TransferScheduler } from '../../oci/scheduler/transfer-scheduler';
import type { DigestCache } from './digest-cache';

export interface CachedManifest {
  digest: string;
  /** The Content-Type the registry served it with (Helm omits mediaType in the body). */
  contentType: string;
  bytes: Buffer;
}

const SEPARATOR = 0x0a;

function encode(manifest: CachedManifest): Buffer {
  return Buffer.concat([Buffer.from(manifest.contentType, 'utf8'), Buffer.from([SEPARATOR]), manifest.bytes]);
}

function decode(digest: string, stored: Buffer): CachedManifest | undefined {
  const cut = stored.indexOf(SEPARATOR);
  if (cut < 1 || cut > 255) return undefined;
  const bytes = stored.subarray(cut + 1);
  if (digestOf(bytes, digest.startsWith('sha512:') ? 'sha512' : 'sha256') !== digest) return undefined;
  return { digest, contentType: stored.subarray(0, cut).toString('utf8'), bytes };
}

/** Where a manifest is read from; `onDisk` storage (Local, an opened layout) is files on this disk already. */
export interface ManifestSource {
  repository: ArtifactRepository;
  host: string;
  onDisk: boolean;
}

/**
 * Manifests by digest: from memory, then disk, then one GET through the shared scheduler.
 * Concurrent asks for one digest share that GET; a digest is never fetched twice. A manifest from
 * storage on this disk is kept in memory only: a second copy on the same disk would cost a file
 * write per manifest and save nothing.
 */
export class ManifestCache {
  private readonly inFlight = new Map<string, Promise<CachedManifest>>();
  /** GETs actually sent, for tests and the benchmark. */
  fetches = 0;

  constructor(
    private readonly store: DigestCache,
    private readonly scheduler: TransferScheduler,
  ) {}

  async get(source: ManifestSource, digest: string, signal?: AbortSignal, priority = 0): Promise<CachedManifest> {
    const pending = this.inFlight.get(digest);
    if (pending) return pending;
    const load = this.load(source, digest, signal, priority).finally(() => this.inFlight.delete(digest));
    this.inFlight.set(digest, load);
    return load;
  }

  /**
   * GET by tag: one request gives the digest (verified against Docker-Content-Digest when sent)
   * and the manifest, which is kept by digest like any other. Distribution answers a manifest
   * HEAD with `Connection: close`, so HEAD + GET would cost two requests and a new connection.
   */
  async getByTag(source: ManifestSource, tag: string, signal?: AbortSignal, priority = 0): Promise<CachedManifest> {
    const fetched = await this.scheduler.run({ host: source.host, priority, ...(signal ? { signal } : {}) }, (s) => {
      this.fetches += 1;
      return source.repository.manifests().fetch(tag, s);
    });
    const manifest: CachedManifest = { digest: fetched.descriptor.digest, contentType: fetched.descriptor.mediaType, bytes: fetched.bytes };
    await this.store.put(manifest.digest, encode(manifest), source.onDisk).catch(() => undefined);
    return manifest;
  }

  private async load(source: ManifestSource, digest: string, signal: AbortSignal | undefined, priority: number): Promise<CachedManifest> {
    const stored = await this.store.get(digest);
    if (stored) {
      const hit = decode(digest, stored);
      if (hit) return hit;
      await this.store.delete(digest);
    }
    const fetched = await this.scheduler.run({ host: source.host, priority, ...(signal ? { signal } : {}) }, (s) => {
      this.fetches += 1;
      return source.repository.manifests().fetch(digest, s);
    });
    const manifest: CachedManifest = { digest, contentType: fetched.descriptor.mediaType, bytes: fetched.bytes };
    await this.store.put(digest, encode(manifest), source.onDisk).catch(() => undefined);
    return manifest;
  }
}
