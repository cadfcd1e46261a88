import type { Descriptor } from '../../oci/manifests/manifest-types';
import { digestFileName, type DownloadPlan, type FolderFile } from './plan-types';

export interface BlobsInput {
  reference: string;
  /** The root manifest (or index) as fetched. */
  manifest: { descriptor: Descriptor; bytes: Buffer };
  /** Child manifests of an index, as fetched. */
  children: Array<{ descriptor: Descriptor; bytes: Buffer; config?: Descriptor; layers: Descriptor[] }>;
  config?: Descriptor;
  layers: Descriptor[];
}

/**
 * Anything: the manifest, the config and every blob under its digest, and a short
 * `manifest.json` saying which file is what.
 */
export function planBlobs(folder: string, input: BlobsInput): DownloadPlan {
  const files: FolderFile[] = [];
  const seen = new Set<string>();
  const add = (file: FolderFile, digest: string) => {
    if (seen.has(digest)) return;
    seen.add(digest);
    files.push(file);
  };
  const describe = (d: Descriptor) => ({ file: digestFileName(d.digest), mediaType: d.mediaType, size: d.size, ...(d.annotations ? { annotations: d.annotations } : {}) });
  add({ path: digestFileName(input.manifest.descriptor.digest), data: input.manifest.bytes }, input.manifest.descriptor.digest);
  if (input.config) add({ path: digestFileName(input.config.digest), descriptor: input.config }, input.config.digest);
  for (const layer of input.layers) add({ path: digestFileName(layer.digest), descriptor: layer }, layer.digest);
  for (const child of input.children) {
    add({ path: digestFileName(child.descriptor.digest), data: child.bytes }, child.descriptor.digest);
    if (child.config) add({ path: digestFileName(child.config.digest), descriptor: child.config }, child.config.digest);
    for (const layer of child.layers) add({ path: digestFileName(layer.digest), descriptor: layer }, layer.digest);
  }
  const summary = {
    reference: input.reference,
    manifest: describe(input.manifest.descriptor),
    ...(input.config ? { config: describe(input.config) } : {}),
    layers: input.layers.map(describe),
    ...(input.children.length > 0
      ? { manifests: input.children.map((c) => ({ ...describe(c.descriptor), ...(c.config ? { config: describe(c.config) } : {}), layers: c.layers.map(describe) })) }
      : {}),
  };
  files.push({ path: 'manifest.json', data: Buffer.from(`${JSON.stringify(summary, null, 2)}\n`) });
  return { outputs: [{ kind: 'folder', name: folder, files }], refused: [], notes: [] };
}
