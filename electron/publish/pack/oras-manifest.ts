import { digestBytes } from '../../oci/blobs/digest';
import type { Descriptor, ImageManifest } from '../../oci/manifests/manifest-types';
import { EMPTY_JSON_DIGEST, OCI_EMPTY, OCI_MANIFEST } from '../../oci/manifests/media-types';
import type { PlannedBlob } from '../../transfers/push-plan';
import { ANNOTATION_CREATED, ANNOTATION_TITLE } from './media-types';
import type { ManifestExtras, PreparedBlob } from './pack-types';

const EMPTY_JSON = Buffer.from('{}');

/** oras-go's `ocispec.DescriptorEmptyJSON`: the `{}` blob, its bytes inline as `data`. */
export function emptyDescriptor(): Descriptor {
  return { mediaType: OCI_EMPTY, digest: EMPTY_JSON_DIGEST, size: 2, data: EMPTY_JSON.toString('base64') };
}

export function emptyBlob(name = 'config'): PlannedBlob {
  return { name, source: { data: EMPTY_JSON, digest: EMPTY_JSON_DIGEST }, descriptor: emptyDescriptor() };
}

/** A small in-memory blob (a generated config) under a media type. */
export function dataBlob(name: string, data: Buffer, mediaType: string): PlannedBlob {
  const digest = digestBytes(data);
  return { name, source: { data, digest }, descriptor: { mediaType, digest, size: data.length } };
}

/** A prepared blob as a layer, titled as `oras push` titles it (plus any extra annotations). */
export function titledLayer(blob: PreparedBlob, mediaType = blob.mediaType): PlannedBlob {
  return plainLayer(blob, mediaType, { [ANNOTATION_TITLE]: blob.name, ...blob.annotations });
}

/** A prepared blob as a layer with exactly these annotations (none: as Helm writes layers). */
export function plainLayer(blob: PreparedBlob, mediaType = blob.mediaType, annotations?: Record<string, string>): PlannedBlob {
  const descriptor: Descriptor = { mediaType, digest: blob.digest, size: blob.size };
  if (annotations && Object.keys(annotations).length > 0) descriptor.annotations = annotations;
  return { name: blob.name, source: { ...blob.source, digest: blob.digest, ...('path' in blob.source ? { size: blob.size } : {}) }, descriptor };
}

/**
 * The manifest (oras-go PackManifest v1.1 shape): config, layers (the empty descriptor when there
 * are none), the subject, the user's annotations plus `created` unless they set it themselves.
 */
export function assembleManifest(parts: { artifactType?: string; config: PlannedBlob; layers: PlannedBlob[]; emptyLayerWhenNone: boolean }, extras: ManifestExtras): { manifest: ImageManifest; blobs: PlannedBlob[] } {
  const layers = parts.layers.length === 0 && parts.emptyLayerWhenNone ? [emptyBlob('empty layer')] : parts.layers;
  const annotations = { ...extras.annotations };
  if (extras.created !== undefined && annotations[ANNOTATION_CREATED] === undefined) annotations[ANNOTATION_CREATED] = extras.created;
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    ...(parts.artifactType ? { artifactType: parts.artifactType } : {}),
    config: parts.config.descriptor,
    layers: layers.map((l) => l.descriptor),
    ...(extras.subject ? { subject: extras.subject } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  return { manifest, blobs: uniqueBlobs([parts.config, ...layers]) };
}

/** Each digest pushed once (two identical files are one blob). */
export function uniqueBlobs(blobs: readonly PlannedBlob[]): PlannedBlob[] {
  const seen = new Set<string>();
  return blobs.filter((b) => !seen.has(b.descriptor.digest) && seen.add(b.descriptor.digest));
}
