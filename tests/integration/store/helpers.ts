import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Descriptor } from '../../../electron/oci/manifests/manifest-types';
import type { LayoutRepository } from '../../../electron/store';

export const LAYER_TYPE = 'application/vnd.oci.image.layer.v1.tar';
export const CONFIG_TYPE = 'application/vnd.oci.image.config.v1+json';

/** Writes a small single-layer image (random layer bytes) through the storage interface and tags it. */
export async function pushImage(repo: LayoutRepository, tag: string | undefined, layerBytes = 4096): Promise<{ manifest: Descriptor; config: Descriptor; layer: Descriptor }> {
  const layerData = randomBytes(layerBytes);
  const layer = await repo.blobs().push({ data: layerData });
  const configData = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', created: '2026-01-02T03:04:05Z', rootfs: { type: 'layers', diff_ids: [layer.digest] } }));
  const config = await repo.blobs().push({ data: configData });
  const configDescriptor = { mediaType: CONFIG_TYPE, digest: config.digest, size: config.size };
  const layerDescriptor = { mediaType: LAYER_TYPE, digest: layer.digest, size: layer.size };
  const manifest = await repo.pushManifest({ schemaVersion: 2, config: configDescriptor, layers: [layerDescriptor] }, tag);
  return { manifest, config: configDescriptor, layer: layerDescriptor };
}

/** Bundles tests/integration/store/writer-child.ts into one ESM file a child `node` runs. */
export async function bundleWriter(outDir: string): Promise<string> {
  const entry = fileURLToPath(new URL('./writer-child.ts', import.meta.url));
  const outfile = join(outDir, 'writer-child.mjs');
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error' });
  return outfile;
}
