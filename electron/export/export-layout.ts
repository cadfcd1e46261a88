import { basename } from 'node:path';
import type { BlobStorage } from '../oci/storage';
import type { ArtifactRepository } from '../oci/storage';
import { LayoutRepository } from '../store/layout-repository';

/**
 * The export's destination: an image layout at any folder, written by the same code as the Local
 * store (blob to `ingest/`, verified, renamed; index.json by temp + rename under the layout lock).
 * It is its own root, so nothing is ever mounted from elsewhere. Blobs it had to write (not those
 * it had) are recorded, so a failed export can take exactly those away again.
 */
export class ExportLayout {
  readonly layout: LayoutRepository;
  /** Digests of blobs this export wrote into the folder. */
  readonly written = new Set<string>();

  constructor(readonly dir: string) {
    this.layout = new LayoutRepository({ name: basename(dir) || dir, dir, root: dir, options: {}, facts: new Map() });
  }

  /** The layout behind the storage interface, as the copy's destination. */
  destination(): ArtifactRepository {
    const { layout, written } = this;
    const blobs = layout.blobs();
    const recording: BlobStorage = {
      exists: (digest, signal) => blobs.exists(digest, signal),
      fetch: (descriptor, options) => blobs.fetch(descriptor, options),
      fetchTo: (descriptor, target, options) => blobs.fetchTo(descriptor, target, options),
      push: async (source, options) => {
        const result = await blobs.push(source, options);
        if (result.outcome === 'uploaded') written.add(result.digest);
        return result;
      },
    };
    return {
      name: layout.name,
      blobs: () => recording,
      manifests: () => layout.manifests(),
      tags: (options) => layout.tags(options),
      allTags: (options) => layout.allTags(options),
      resolve: (reference, signal) => layout.resolve(reference, signal),
      referrers: (subject, options) => layout.referrers(subject, options),
      pushManifest: (manifest, tag, signal) => layout.pushManifest(manifest, tag, signal),
    };
  }
}
