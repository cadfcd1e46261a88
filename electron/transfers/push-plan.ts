import type { BlobSource } from '../oci/blobs/blob-source';
import type { Descriptor, ImageManifest } from '../oci/manifests/manifest-types';

/** One blob to push: where its bytes are and the descriptor they must match. */
export interface PlannedBlob {
  /** The item's name in the queue: the file name, `config`, a folder name. */
  name: string;
  source: BlobSource;
  descriptor: Descriptor;
}

/**
 * Everything a push needs, decided before a byte is sent (pure output of a packer): the blobs
 * (config first, then layers), and the manifest that goes last, under each tag. A manifest with a
 * `subject` is attached as a referrer of that artifact.
 */
export interface PushPlan {
  registryId: string;
  repository: string;
  tags: string[];
  blobs: PlannedBlob[];
  manifest: ImageManifest;
  /** Re-reads `created: now` at start, so the pushed time is the push's, not the preview's. */
  refresh?: () => Promise<ImageManifest>;
  title: string;
}
