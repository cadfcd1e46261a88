import { isRecord, field } from './descriptor';
import { type KindId, matchType, type SubKindId } from './kinds';
import { isMediaType } from './media-type-syntax';
import * as mt from './media-types';

export interface DescriptorKind {
  kind: KindId;
  subKind?: SubKindId;
  /** The type that decided it, or the descriptor's own media type when nothing did. */
  mediaType: string;
}

/**
 * A first guess from a referrers-API or index entry alone (its `artifactType`), before the
 * manifest is fetched: enough to draw the referrers tree. `classifyManifest` has the last word.
 */
export function classifyDescriptor(descriptor: unknown): DescriptorKind {
  if (!isRecord(descriptor)) return { kind: 'unreadable', mediaType: 'unknown' };
  const mediaType = field(descriptor, 'mediaType');
  const artifactType = field(descriptor, 'artifactType');
  const annotations = field(descriptor, 'annotations');
  if (isRecord(annotations) && field(annotations, mt.ANNOTATION_DOCKER_REFERENCE_TYPE) === mt.DOCKER_REFERENCE_TYPE_ATTESTATION) {
    return { kind: 'attestation', mediaType: isMediaType(mediaType) ? mediaType : mt.OCI_MANIFEST };
  }
  if (isMediaType(artifactType)) {
    const match = matchType(artifactType);
    if (!match) return { kind: 'other', mediaType: artifactType };
    return match.rule.subKind ? { kind: match.kind, subKind: match.rule.subKind, mediaType: artifactType } : { kind: match.kind, mediaType: artifactType };
  }
  if (!isMediaType(mediaType)) return { kind: 'unreadable', mediaType: 'unknown' };
  if (mt.INDEX_TYPES.includes(mediaType)) return { kind: 'image-index', mediaType };
  if (mt.MANIFEST_TYPES.includes(mediaType)) return { kind: 'image', mediaType };
  return { kind: 'other', mediaType };
}
