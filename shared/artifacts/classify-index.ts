import type { Classification, IndexAttestation, PlatformManifest } from './classification';
import { type Descriptor, field, parseDescriptorList } from './descriptor';
import { isDigest } from './digest';
import { matchType } from './kinds';
import * as mt from './media-types';

function isBuildxAttestation(d: Descriptor): boolean {
  return d.annotations?.[mt.ANNOTATION_DOCKER_REFERENCE_TYPE] === mt.DOCKER_REFERENCE_TYPE_ATTESTATION;
}

function isUnknownPlatform(d: Descriptor): boolean {
  return d.platform?.os === 'unknown' && d.platform.architecture === 'unknown';
}

/**
 * An image index: a multi-platform image when its entries carry platforms. buildx attestation
 * manifests (platform unknown/unknown) are referrers of the platform they name, not platforms.
 */
export function classifyIndex(
  index: Record<string, unknown>,
  manifestMediaType: string,
  artifactType: string | undefined,
  warnings: string[],
): Classification {
  const list = parseDescriptorList(field(index, 'manifests'), 'manifests', warnings);
  if (!list.ok) {
    return { kind: 'unreadable', mediaType: manifestMediaType, manifestMediaType, reason: `The index is malformed: ${list.reason}.`, isReferrer: false, warnings };
  }
  const platforms: PlatformManifest[] = [];
  const attestations: IndexAttestation[] = [];
  const otherManifests: Descriptor[] = [];
  for (const d of list.value) {
    if (isBuildxAttestation(d)) {
      const refersTo = d.annotations?.[mt.ANNOTATION_DOCKER_REFERENCE_DIGEST];
      const attestation: IndexAttestation = { digest: d.digest, mediaType: d.mediaType, size: d.size };
      if (isDigest(refersTo)) attestation.refersTo = refersTo;
      else warnings.push(`The attestation manifest ${d.digest} does not say which platform it describes.`);
      attestations.push(attestation);
    } else if (d.platform && !isUnknownPlatform(d)) {
      platforms.push({ digest: d.digest, mediaType: d.mediaType, size: d.size, platform: d.platform });
    } else {
      otherManifests.push(d);
    }
  }
  const base = { manifestMediaType, isReferrer: false, platforms, attestations, otherManifests, warnings };
  const withType = artifactType ? { ...base, artifactType } : base;

  if (artifactType) {
    const match = matchType(artifactType);
    if (!match) {
      return { ...withType, kind: 'other', mediaType: artifactType, reason: `The index's artifactType ${artifactType} is not a kind Stevedore knows.` };
    }
    if (!match.rule.weak) {
      const decided: Classification = { ...withType, kind: match.kind, mediaType: artifactType, reason: `The index's artifactType is ${artifactType}.` };
      if (match.rule.subKind) decided.subKind = match.rule.subKind;
      return decided;
    }
  }
  if (platforms.length > 0) {
    const names = platforms.map((p) => platformName(p.platform)).join(', ');
    return { ...withType, kind: 'image-index', mediaType: manifestMediaType, reason: `An index of ${platforms.length} platform image(s): ${names}.` };
  }
  const imageEntries = otherManifests.filter((d) => d.mediaType === mt.OCI_MANIFEST || d.mediaType === mt.DOCKER_MANIFEST_V2);
  if (imageEntries.length > 0 && imageEntries.length === otherManifests.length && !otherManifests.some((d) => d.artifactType)) {
    warnings.push('The index lists images without saying which platform each is for.');
    return { ...withType, kind: 'image-index', mediaType: manifestMediaType, reason: `An index of ${imageEntries.length} image(s) without platforms.` };
  }
  const reason = otherManifests.length === 0 ? 'An empty index.' : `An index of ${otherManifests.length} artifact(s) that are not platform images.`;
  return { ...withType, kind: 'other', mediaType: artifactType ?? manifestMediaType, reason };
}

export function platformName(p: { os: string; architecture: string; variant?: string }): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
