import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { measureCommand } from '../measure';
import { skopeoPull, type SkopeoEnv } from '../peers';

/** `curl <blob> | tar -xz -C <dir>`: the fastest unpack there is, verifying nothing. */
export function curlTar(url: string, dir: string): Promise<number> {
  return measureCommand('sh', ['-c', 'curl --silent --show-error --fail "$1" | tar -xz -C "$2"', 'curl-tar', url, dir]);
}

/** The blob file of a layer in an OCI layout skopeo wrote (the image's first layer). */
async function firstLayer(layout: string, tag: string): Promise<string> {
  const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string; annotations?: Record<string, string> }> };
  const entry = index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === tag) ?? index.manifests[0];
  const manifest = JSON.parse(await readFile(join(layout, 'blobs', ...(entry?.digest ?? '').split(':')), 'utf8')) as { layers: Array<{ digest: string }> };
  return join(layout, 'blobs', ...(manifest.layers[0]?.digest ?? '').split(':'));
}

/** `skopeo copy docker://… oci:<layout>` then `tar -xz` of its layer. */
export async function skopeoTar(skopeo: SkopeoEnv, host: string, repository: string, tag: string, layout: string, dir: string): Promise<number> {
  const started = performance.now();
  await skopeoPull(skopeo, host, repository, tag, layout);
  await measureCommand('tar', ['-xzf', await firstLayer(layout, tag), '-C', dir]);
  return performance.now() - started;
}

/** `skopeo copy docker://… oci:<layout>` then `umoci unpack --rootless`. */
export async function skopeoUmoci(skopeo: SkopeoEnv, host: string, repository: string, tag: string, layout: string, bundle: string): Promise<number> {
  const started = performance.now();
  await skopeoPull(skopeo, host, repository, tag, layout);
  await measureCommand('umoci', ['unpack', '--rootless', '--image', `${layout}:${tag}`, bundle], { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: skopeo.home });
  return performance.now() - started;
}
