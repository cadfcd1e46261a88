import { createHash } from 'node:crypto';
import type { Descriptor } from './go-json';

/** A blob held in memory: the seeded artifacts are small by design. */
export interface Blob {
  readonly digest: string;
  readonly bytes: Uint8Array;
}

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * Every blob and manifest one push needs, plus the root to tag. Children are listed before the
 * manifests that point at them, so an HTTP push in order never refers to something missing.
 */
export class Bundle {
  readonly blobs = new Map<string, Blob>();
  /** Manifests in push order: children first, the root last. */
  readonly manifests: { descriptor: Descriptor; bytes: Uint8Array }[] = [];

  addBlob(mediaType: string, bytes: Uint8Array, extra: Partial<Descriptor> = {}): Descriptor {
    const digest = sha256Digest(bytes);
    this.blobs.set(digest, { digest, bytes });
    return { mediaType, digest, size: bytes.byteLength, ...extra };
  }

  addManifest(mediaType: string, bytes: Uint8Array, extra: Partial<Descriptor> = {}): Descriptor {
    const descriptor: Descriptor = { mediaType, digest: sha256Digest(bytes), size: bytes.byteLength, ...extra };
    if (!this.manifests.some((m) => m.descriptor.digest === descriptor.digest)) {
      this.manifests.push({ descriptor, bytes });
    }
    return descriptor;
  }

  /** Bring in another bundle's content (e.g. a platform image inside an index). */
  include(other: Bundle): void {
    for (const blob of other.blobs.values()) this.blobs.set(blob.digest, blob);
    for (const m of other.manifests) this.addManifest(m.descriptor.mediaType, m.bytes);
  }

  get root(): { descriptor: Descriptor; bytes: Uint8Array } {
    const last = this.manifests.at(-1);
    if (!last) throw new Error('bundle has no manifest to push');
    return last;
  }
}
