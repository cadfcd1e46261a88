import { ContractError } from '../../../shared/contract';
import type { Descriptor, ImageManifest } from '../../oci/manifests/manifest-types';
import { OCI_INDEX } from '../../oci/manifests/media-types';
import type { DownloadPlan, FolderFile } from './plan-types';

const REF_NAME = 'org.opencontainers.image.ref.name';
const DIFF_ID = /^sha256:[a-f0-9]{64}$/;

const blobPath = (digest: string) => `blobs/${digest.replace(':', '/')}`;

/**
 * An OCI image layout (image-spec image-layout.md) that skopeo, podman and oras read:
 * `oci-layout`, `index.json` naming the manifest under `ref.name`, and every blob under
 * `blobs/sha256/`. The manifest goes in as the exact bytes fetched, so its digest is unchanged.
 */
export function planOciLayout(folder: string, manifestBytes: Buffer, manifestDescriptor: Descriptor, manifest: ImageManifest, refName: string | undefined): DownloadPlan {
  const entry: Descriptor = {
    mediaType: manifestDescriptor.mediaType,
    digest: manifestDescriptor.digest,
    size: manifestDescriptor.size,
    ...(refName ? { annotations: { [REF_NAME]: refName } } : {}),
  };
  const index = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [entry] };
  const files: FolderFile[] = [
    { path: 'oci-layout', data: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
    { path: 'index.json', data: Buffer.from(JSON.stringify(index)) },
    { path: blobPath(manifestDescriptor.digest), data: manifestBytes },
  ];
  const seen = new Set([manifestDescriptor.digest]);
  for (const descriptor of [manifest.config, ...manifest.layers]) {
    if (seen.has(descriptor.digest)) continue;
    seen.add(descriptor.digest);
    files.push({ path: blobPath(descriptor.digest), descriptor });
  }
  return { outputs: [{ kind: 'folder', name: folder, files }], refused: [], notes: [] };
}

/** The root file system: every layer in order, whiteouts applied, each checked against the config's diff_ids. */
export function planRootfs(folder: string, manifest: ImageManifest, config: unknown): DownloadPlan {
  if (manifest.layers.length === 0) throw new ContractError('invalid-input', 'This image has no layers to flatten.');
  const notes: string[] = [];
  const rootfs = (config as { rootfs?: { diff_ids?: unknown } } | undefined)?.rootfs;
  const diffIds = Array.isArray(rootfs?.diff_ids) ? rootfs.diff_ids : undefined;
  const usable = diffIds !== undefined && diffIds.length === manifest.layers.length && diffIds.every((d) => typeof d === 'string' && DIFF_ID.test(d));
  if (!usable) notes.push('The image config lists no usable diff_ids: the layers were checked by their digests only.');
  return {
    outputs: [{ kind: 'rootfs', name: folder, layers: manifest.layers, ...(usable ? { diffIds: diffIds as string[] } : {}) }],
    refused: [],
    notes,
  };
}
