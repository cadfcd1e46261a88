import { assembleManifest, dataBlob, emptyBlob, plainLayer, titledLayer } from './oras-manifest';
import { DOCKER_VOLUME } from './media-types';
import type { PackRequest, Packed } from './pack-types';

/**
 * A Docker volume: `application/vnd.docker.volume.v1+tar.gz` as artifactType with the empty config
 * (Docker's current docs), or as the config media type with a config file or `{}` (the original
 * announcement's `oras push --config config.json:application/vnd.docker.volume.v1+tar.gz …`).
 */
export function packVolume(request: PackRequest): Packed {
  const { options, blobs, extras } = request;
  const problems: string[] = [];
  if (options.volumeForm === 'config') {
    const configEntry = options.configEntryId ? blobs.find((b) => b.id === options.configEntryId) : undefined;
    if (options.configEntryId && !configEntry) problems.push('The config file chosen is not among the dropped files.');
    if (configEntry?.type === 'directory') problems.push(`${configEntry.name} is a folder; the config must be a file.`);
    const config = configEntry ? plainLayer(configEntry, DOCKER_VOLUME) : dataBlob('config', Buffer.from('{}'), DOCKER_VOLUME);
    const layers = blobs.filter((b) => b !== configEntry).map((b) => titledLayer(b));
    const packed = assembleManifest({ ...(options.artifactType ? { artifactType: options.artifactType } : {}), config, layers, emptyLayerWhenNone: true }, extras);
    return { ...packed, problems };
  }
  const packed = assembleManifest({ artifactType: options.artifactType ?? DOCKER_VOLUME, config: emptyBlob(), layers: blobs.map((b) => titledLayer(b)), emptyLayerWhenNone: true }, extras);
  return { ...packed, problems };
}
