import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bundle } from './content';

const hex = (digest: string) => digest.slice('sha256:'.length);

/**
 * Writes a bundle in containers/image's `dir:` layout (version, manifest.json, blobs by hex,
 * `<hex>.manifest.json` for child manifests). skopeo reads Docker schema2 manifests from here;
 * its `oci:` reader only accepts OCI media types in index.json.
 */
export async function writeDirLayout(dir: string, bundle: Bundle): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'version'), 'Directory Transport Version: 1.1\n');
  for (const blob of bundle.blobs.values()) await writeFile(join(dir, hex(blob.digest)), blob.bytes);
  const root = bundle.root;
  for (const m of bundle.manifests) {
    if (m === root) await writeFile(join(dir, 'manifest.json'), m.bytes);
    else await writeFile(join(dir, `${hex(m.descriptor.digest)}.manifest.json`), m.bytes);
  }
}
