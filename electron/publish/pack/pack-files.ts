import { assembleManifest, emptyBlob, titledLayer } from './oras-manifest';
import { ORAS_UNKNOWN_ARTIFACT } from './media-types';
import type { PackRequest, Packed } from './pack-types';

/**
 * `oras push` of files and folders: one titled layer per file (a folder: one tar+gzip layer with
 * its content digest and unpack flag), the empty config, artifactType unknown unless named.
 */
export function packFiles(request: PackRequest): Packed {
  const { options, blobs, extras } = request;
  const problems: string[] = [];
  if (options.kind === 'folder' && !(blobs.length === 1 && blobs[0]!.type === 'directory')) {
    problems.push('A folder artifact is exactly one folder; drop one folder, or choose Files for several items.');
  }
  const { manifest, blobs: planned } = assembleManifest(
    { artifactType: options.artifactType ?? ORAS_UNKNOWN_ARTIFACT, config: emptyBlob(), layers: blobs.map((b) => titledLayer(b)), emptyLayerWhenNone: true },
    extras,
  );
  return { manifest, blobs: planned, problems };
}
