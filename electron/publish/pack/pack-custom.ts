import { assembleManifest, dataBlob, emptyBlob, plainLayer, titledLayer } from './oras-manifest';
import { ORAS_UNKNOWN_CONFIG } from './media-types';
import type { PackRequest, Packed } from './pack-types';

/**
 * A type the user names: artifactType and/or a config media type with an optional config file,
 * the rest as ORAS layers. As oras-go, an empty config needs an artifactType.
 */
export function packCustom(request: PackRequest): Packed {
  const { options, blobs, extras } = request;
  const problems: string[] = [];
  const configEntry = options.configEntryId ? blobs.find((b) => b.id === options.configEntryId) : undefined;
  if (options.configEntryId && !configEntry) problems.push('The config file chosen is not among the dropped files.');
  if (configEntry?.type === 'directory') problems.push(`${configEntry.name} is a folder; the config must be a file.`);
  if (!options.artifactType && !options.configMediaType && !configEntry) {
    problems.push('A custom artifact needs an artifact type, or a config media type: type one (e.g. application/vnd.example.thing.v1).');
  }
  const configType = options.configMediaType ?? ORAS_UNKNOWN_CONFIG;
  const config = configEntry ? plainLayer(configEntry, configType) : options.configMediaType ? dataBlob('config', Buffer.from('{}'), configType) : emptyBlob();
  const layers = blobs.filter((b) => b !== configEntry).map((b) => titledLayer(b));
  const packed = assembleManifest({ ...(options.artifactType ? { artifactType: options.artifactType } : {}), config, layers, emptyLayerWhenNone: true }, extras);
  return { ...packed, problems };
}
