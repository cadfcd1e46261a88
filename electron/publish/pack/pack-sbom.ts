import { assembleManifest, emptyBlob, titledLayer } from './oras-manifest';
import { CYCLONEDX_JSON, SPDX_JSON } from './media-types';
import type { PackRequest, Packed } from './pack-types';

/**
 * An SBOM as `oras attach --artifact-type <type> sbom.json:<type>` writes it: artifactType by the
 * document's content (SPDX or CycloneDX JSON), the empty config, the document as the one titled
 * layer; usually a referrer of an image (`subject`).
 */
export function packSbom(request: PackRequest): Packed {
  const { options, blobs, extras } = request;
  const problems: string[] = [];
  const files = blobs.filter((b) => b.type === 'file');
  if (files.length !== 1 || blobs.length !== 1) problems.push('An SBOM artifact is one document: drop a single SPDX or CycloneDX JSON file.');
  const doc = files[0];
  const byContent = doc?.sniffed === 'spdx' ? SPDX_JSON : doc?.sniffed === 'cyclonedx' ? CYCLONEDX_JSON : undefined;
  if (doc && !byContent && !options.artifactType) problems.push(`${doc.name} is not an SPDX or CycloneDX JSON document; name its artifact type, or choose another kind.`);
  const artifactType = options.artifactType ?? byContent ?? SPDX_JSON;
  const layers = doc ? [titledLayer(doc, doc.chosen ? doc.mediaType : artifactType)] : [];
  const packed = assembleManifest({ artifactType, config: emptyBlob(), layers, emptyLayerWhenNone: true }, extras);
  return { ...packed, problems };
}
