import { createHash, randomFillSync } from 'node:crypto';
import { copyFile, link, mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactRepository } from '../../electron/oci/storage';

export interface BlobFile {
  path: string;
  digest: string;
  size: number;
}

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar';

const WRITE_CHUNK = 4 * 1024 * 1024;

/** Writes `size` random (incompressible) bytes to `path`, hashing them on the way; never holds more than 4 MiB. */
export async function writeRandomFile(path: string, size: number): Promise<BlobFile> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(Math.min(WRITE_CHUNK, Math.max(size, 1)));
  const file = await open(path, 'wx', 0o600);
  try {
    for (let written = 0; written < size; ) {
      const chunk = buffer.subarray(0, Math.min(buffer.byteLength, size - written));
      randomFillSync(chunk);
      hash.update(chunk);
      await file.write(chunk, 0, chunk.byteLength, written);
      written += chunk.byteLength;
    }
    await file.datasync();
  } finally {
    await file.close();
  }
  return { path, digest: `sha256:${hash.digest('hex')}`, size };
}

/** An OCI image layout holding one image of `layers`, tagged `tag`, for skopeo to push. */
export interface OciLayout {
  dir: string;
  tag: string;
  manifestDigest: string;
}

/** Builds the layout with hard links to the layer files (no copy of the data), config and manifest. */
export async function writeOciLayout(dir: string, tag: string, layers: readonly BlobFile[]): Promise<OciLayout> {
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  for (const layer of layers) await linkOrCopy(layer.path, join(blobs, hexOf(layer.digest)));
  const config = Buffer.from(JSON.stringify(imageConfig(layers)));
  const configDigest = await writeBlob(blobs, config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_CONFIG, digest: configDigest, size: config.byteLength },
      layers: layers.map((layer) => ({ mediaType: OCI_LAYER, digest: layer.digest, size: layer.size })),
    }),
  );
  const manifestDigest = await writeBlob(blobs, manifest);
  const index = {
    schemaVersion: 2,
    manifests: [{ mediaType: OCI_MANIFEST, digest: manifestDigest, size: manifest.byteLength, annotations: { 'org.opencontainers.image.ref.name': tag } }],
  };
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  return { dir, tag, manifestDigest };
}

/** Pushes a one-image layout's worth to `repo`: `layer` uploaded from its file, its config, the manifest tagged `tag`; returns the layer's and config's bytes. */
export async function pushOneLayerImage(repo: ArtifactRepository, layer: BlobFile, tag: string): Promise<number> {
  await repo.blobs().push({ path: layer.path, digest: layer.digest, size: layer.size });
  const config = await repo.blobs().push({ data: Buffer.from(JSON.stringify(imageConfig([layer]))) });
  await repo.pushManifest(
    {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_CONFIG, digest: config.digest, size: config.size },
      layers: [{ mediaType: OCI_LAYER, digest: layer.digest, size: layer.size }],
    },
    tag,
  );
  return layer.size + config.size;
}

/** A minimal image config: uncompressed layers, so each diff ID is the layer's digest. */
export function imageConfig(layers: readonly BlobFile[]): object {
  return { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.digest) } };
}

export function hexOf(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1);
}

async function writeBlob(blobs: string, data: Buffer): Promise<string> {
  const hex = createHash('sha256').update(data).digest('hex');
  await writeFile(join(blobs, hex), data);
  return `sha256:${hex}`;
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return;
    await copyFile(from, to);
  }
}
