import type { Descriptor } from '../oci/manifests/manifest-types';
import type { LockOptions } from './layout-lock';

export interface LocalStoreOptions {
  /**
   * A blob written or reused less than this long ago is never garbage-collected, even when nothing
   * refers to it yet: it may belong to a push still under way in this or another process (default 10 min).
   */
  gcGraceMs?: number;
  lock?: LockOptions;
}

/** What a manifest says about itself that referrers need; derived from its bytes, so shared by digest. */
export interface ManifestFacts {
  descriptor: Descriptor;
  subject?: string;
  artifactType?: string;
  annotations?: Record<string, string>;
}

/** One repository's folder and what its blob, manifest and tag code share. */
export interface LayoutContext {
  readonly name: string;
  readonly dir: string;
  /** The Local registry's folder: other repositories, for mounts. */
  readonly root: string;
  readonly options: LocalStoreOptions;
  /** Manifest facts by digest (immutable), bounded. */
  readonly facts: Map<string, ManifestFacts>;
}

export const MAX_CACHED_FACTS = 50_000;
