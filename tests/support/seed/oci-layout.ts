import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bundle } from './content';
import { ANNOTATION } from './media-types';

/**
 * Writes a bundle as an OCI image layout (oci-layout, index.json, blobs/sha256/…) with the root
 * tagged by `org.opencontainers.image.ref.name`, ready for `skopeo copy oci:<dir>:<tag>`.
 */
export async function writeOciLayout(dir: string, bundle: Bundle, tag: string): Promise<void> {
  const blobDir = join(dir, 'blobs', 'sha256');
  await mkdir(blobDir, { recursive: true });
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  for (const blob of bundle.blobs.values()) {
    await writeFile(join(blobDir, blob.digest.slice('sha256:'.length)), blob.bytes);
  }
  for (const manifest of bundle.manifests) {
    await writeFile(join(blobDir, manifest.descriptor.digest.slice('sha256:'.length)), manifest.bytes);
  }
  const root = bundle.root.descriptor;
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: root.mediaType, digest: root.digest, size: root.size, annotations: { [ANNOTATION.refName]: tag } }],
  };
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
}
