import { assembleManifest, dataBlob, titledLayer } from './oras-manifest';
import { OPA_BUNDLE_LAYER, OPA_CONFIG, OPA_DATA_LAYER, OPA_POLICY_LAYER } from './media-types';
import type { PackRequest, Packed, PreparedBlob } from './pack-types';

const OPA_MANIFEST_LAYER = 'application/vnd.cncf.openpolicyagent.manifest.layer.v1+json';

function opaType(blob: PreparedBlob): string | undefined {
  if (blob.chosen) return blob.mediaType;
  if (blob.sniffed === 'opa-bundle') return OPA_BUNDLE_LAYER;
  if (blob.name.endsWith('.rego')) return OPA_POLICY_LAYER;
  if (blob.name.endsWith('.json')) return OPA_DATA_LAYER;
  if (blob.name.endsWith('.manifest')) return OPA_MANIFEST_LAYER;
  return undefined;
}

/**
 * OPA policies as conftest and OPA push them: config `…openpolicyagent.config.v1+json` (`{}`), and
 * either the bundle tarball as one layer or each `.rego` (and data.json) as its own titled layer.
 * A dropped folder arrives here already split into its files (titles `folder/path`).
 */
export function packOpa(request: PackRequest): Packed {
  const { options, blobs, extras } = request;
  const problems: string[] = [];
  const layers = blobs.flatMap((b) => {
    const type = opaType(b);
    if (!type) {
      problems.push(`${b.name} is neither a Rego policy, data (.json) nor an OPA bundle; leave it out or choose another kind.`);
      return [];
    }
    return [titledLayer(b, type)];
  });
  if (!blobs.some((b) => opaType(b) === OPA_BUNDLE_LAYER || b.name.endsWith('.rego'))) problems.push('An OPA artifact needs a bundle (.tar.gz) or at least one .rego policy.');
  const config = dataBlob('config', Buffer.from('{}'), OPA_CONFIG);
  const packed = assembleManifest({ ...(options.artifactType ? { artifactType: options.artifactType } : {}), config, layers, emptyLayerWhenNone: false }, extras);
  return { ...packed, problems };
}
