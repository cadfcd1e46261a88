import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { create } from 'tar';
import { uploadBlob } from '../../../electron/oci/blobs/upload-blob';
import { RegistryClient } from '../../../electron/oci/client/registry-client';
import type { Descriptor, ImageManifest } from '../../../electron/oci/manifests/manifest-types';
import { createRegistry } from '../../../electron/oci/registry';
import { OCI_CONFIG, OCI_MANIFEST } from '../fixtures';
import { seededRandom, seededSizes } from '../seeded-random';

const MiB = 1024 * 1024;
const TITLE = 'org.opencontainers.image.title';
const LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
const EMPTY = Buffer.from('{}');

export interface PushedLayer {
  descriptor: Descriptor;
  /** sha256 of the uncompressed tar. */
  diffId: string;
}

/** Half incompressible, half text: what real files compress like, built fast. */
function fileBytes(size: number, next: () => number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  const half = Math.floor(size / 2);
  randomFillSync(bytes, 0, half);
  const words = ['layer ', 'stevedore ', 'registry ', 'config ', 'manifest\n', 'value=42 '];
  let offset = half;
  while (offset < size) offset += bytes.write(words[Math.floor(next() * words.length)] as string, offset);
  return bytes;
}

/** `count` small files (1–8 KiB) in folders of 100 under `root/<name>`. */
export async function writeSmallTree(root: string, name: string, count: number): Promise<void> {
  const next = seededRandom(7);
  for (const [index, size] of seededSizes(count, 1024, 8 * 1024).entries()) {
    const dir = join(root, name, `d${Math.floor(index / 100)}`);
    if (index % 100 === 0) await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `f${index}.txt`), fileBytes(size, next));
  }
}

/** tar + gzip of `root/<name>` (as oras packs a folder), and the digest of the uncompressed tar. */
export async function tarGz(root: string, names: string[], out: string): Promise<{ path: string; diffId: string; size: number; digest: string }> {
  await create({ gzip: { level: 6 }, cwd: root, portable: true, file: out }, names);
  const plain = createHash('sha256');
  const packed = createHash('sha256');
  await pipeline(createReadStream(out).on('data', (c) => packed.update(c)), createGunzip(), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) plain.update(chunk);
  });
  return { path: out, diffId: `sha256:${plain.digest('hex')}`, size: (await stat(out)).size, digest: `sha256:${packed.digest('hex')}` };
}

/** Three layers of ~`totalMiB` together: files of 64 KiB–2 MiB, a symlink, a file replaced later. */
export async function writeImageLayers(work: string, totalMiB: number): Promise<string[]> {
  const next = seededRandom(11);
  const shares = [0.4, 0.3, 0.3];
  const outs: string[] = [];
  for (const [index, share] of shares.entries()) {
    const root = join(work, `image-layer-${index}`);
    const dir = join(root, 'usr', `lib${index}`);
    await mkdir(dir, { recursive: true });
    let left = Math.round(totalMiB * share * MiB);
    for (let n = 0; left > 0; n += 1) {
      const size = Math.min(left, 64 * 1024 + Math.floor(next() * 2 * MiB));
      await writeFile(join(dir, `file-${n}.bin`), fileBytes(size, next));
      left -= size;
    }
    await mkdir(join(root, 'etc'), { recursive: true });
    await writeFile(join(root, 'etc', 'release'), `layer ${index}\n`);
    if (index === 0) await symlink(`usr/lib0`, join(root, 'lib'));
    outs.push(root);
  }
  return outs;
}

export async function pushLayer(http: RegistryClient, repository: string, layer: { path: string; digest: string; size: number; diffId: string }, annotations?: Record<string, string>): Promise<PushedLayer> {
  await uploadBlob(http, { repository, source: { path: layer.path, digest: layer.digest, size: layer.size } });
  return { descriptor: { mediaType: LAYER_GZIP, digest: layer.digest, size: layer.size, ...(annotations ? { annotations } : {}) }, diffId: layer.diffId };
}

/** An ORAS-style manifest (empty config, artifactType) over the given layers, tagged. */
export async function pushFiles(baseUrl: string, repository: string, tag: string, layers: Descriptor[]): Promise<void> {
  const http = new RegistryClient({ baseUrl });
  await uploadBlob(http, { repository, source: { data: EMPTY } });
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: 'application/vnd.unknown.artifact.v1',
    config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: `sha256:${createHash('sha256').update(EMPTY).digest('hex')}`, size: 2 },
    layers,
  };
  await createRegistry({ baseUrl }).repository(repository).pushManifest(manifest, tag);
}

/** A linux/amd64 image over the given layers, with their diff_ids in its config. */
export async function pushImage(baseUrl: string, repository: string, tag: string, layers: PushedLayer[]): Promise<void> {
  const http = new RegistryClient({ baseUrl });
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) } }));
  await uploadBlob(http, { repository, source: { data: config } });
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_CONFIG, digest: `sha256:${createHash('sha256').update(config).digest('hex')}`, size: config.length },
    layers: layers.map((l) => l.descriptor),
  };
  await createRegistry({ baseUrl }).repository(repository).pushManifest(manifest, tag);
}

export { TITLE };
