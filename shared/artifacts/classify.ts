import type { Classification, ClassifyOptions } from './classification';
import { classifyIndex } from './classify-index';
import { decodeManifest } from './decode-manifest';
import {
  type Annotations,
  type Descriptor,
  field,
  isRecord,
  parseAnnotations,
  parseDescriptor,
  parseDescriptorList,
} from './descriptor';
import { isDigest } from './digest';
import { type KindId, matchLayerType, matchType, type SubKindId, type TypeMatch } from './kinds';
import { isMediaType } from './media-type-syntax';
import * as mt from './media-types';
import { parseReferrerTag, type ReferrerTagKind } from './referrer-tags';

export type { Classification, ClassifyOptions } from './classification';

const SCHEMA1_WARNING =
  'This image uses Docker manifest schema 1, which is obsolete: current registries and tools refuse it. Rebuild and push the image again.';

/**
 * Decides what a manifest is, following artifact-types.md: artifactType, then config.mediaType
 * (the empty config requires an artifactType), then layer media types, then annotations.
 * Never throws: a manifest it cannot read comes back as kind "unreadable" with the reason.
 */
export function classifyManifest(manifest: unknown, opts: ClassifyOptions = {}): Classification {
  const warnings: string[] = [];
  const decoded = decodeManifest(manifest);
  if (!decoded.ok) return unreadable(decoded.reason, opts.contentType, warnings);
  const doc = decoded.value;
  if (!isRecord(doc)) return unreadable('The manifest is not a JSON object.', opts.contentType, warnings);

  const declared = field(doc, 'mediaType');
  if (declared !== undefined && !isMediaType(declared)) {
    return unreadable('The manifest’s mediaType is not a media type.', opts.contentType, warnings);
  }
  const bareContentType = opts.contentType?.split(';')[0]?.trim();
  const contentType = isMediaType(bareContentType) ? bareContentType : undefined;
  if (declared && contentType && declared !== contentType && !mt.SCHEMA1_TYPES.includes(contentType)) {
    warnings.push(`The registry served this manifest as ${contentType} but it says it is ${declared}.`);
  }
  const schemaVersion = field(doc, 'schemaVersion');
  const type = declared ?? contentType;

  if (schemaVersion === 1 || (type !== undefined && mt.SCHEMA1_TYPES.includes(type))) {
    return classifySchema1(doc, type ?? mt.DOCKER_MANIFEST_V1_SIGNED, warnings);
  }
  if (schemaVersion !== 2) warnings.push('The manifest’s schemaVersion is not 2.');

  const artifactType = readArtifactType(doc, opts, warnings);
  const isIndex = type !== undefined ? mt.INDEX_TYPES.includes(type) : Array.isArray(field(doc, 'manifests'));
  if (isIndex) {
    const result = classifyIndex(doc, type ?? mt.OCI_INDEX, artifactType, warnings);
    if (result.kind !== 'unreadable') applySubject(result, field(doc, 'subject'), warnings);
    return result;
  }

  const isManifest = type !== undefined ? mt.MANIFEST_TYPES.includes(type) : field(doc, 'config') !== undefined;
  if (!isManifest) {
    if (type !== undefined && field(doc, 'config') === undefined && field(doc, 'manifests') === undefined) {
      return { kind: 'other', mediaType: type, manifestMediaType: type, reason: `${type} is not a manifest type Stevedore knows.`, isReferrer: false, warnings };
    }
    if (type === undefined) return unreadable('The document is neither an image manifest nor an index.', undefined, warnings);
    warnings.push(`${type} is not a manifest type Stevedore knows; it was read as an image manifest.`);
  }
  return classifyImageManifest(doc, type ?? mt.OCI_MANIFEST, artifactType, opts, warnings);
}

function readArtifactType(doc: Record<string, unknown>, opts: ClassifyOptions, warnings: string[]): string | undefined {
  const own = field(doc, 'artifactType');
  if (own !== undefined) {
    if (isMediaType(own)) return own;
    warnings.push('The manifest’s artifactType is not a media type and was ignored.');
  }
  const fromDescriptor = opts.descriptor?.artifactType;
  return isMediaType(fromDescriptor) ? fromDescriptor : undefined;
}

interface Decision {
  kind: KindId;
  subKind?: SubKindId;
  mediaType: string;
  reason: string;
}

function classifyImageManifest(
  doc: Record<string, unknown>,
  manifestMediaType: string,
  artifactType: string | undefined,
  opts: ClassifyOptions,
  warnings: string[],
): Classification {
  const config = parseDescriptor(field(doc, 'config'), 'config', warnings);
  if (!config.ok) return unreadable(`The manifest is malformed: ${config.reason}.`, manifestMediaType, warnings);
  let layers: Descriptor[] = [];
  if (field(doc, 'layers') === undefined) {
    warnings.push('The manifest has no layers list.');
  } else {
    const parsed = parseDescriptorList(field(doc, 'layers'), 'layers', warnings);
    if (!parsed.ok) return unreadable(`The manifest is malformed: ${parsed.reason}.`, manifestMediaType, warnings);
    layers = parsed.value;
  }
  const annotations = parseAnnotations(field(doc, 'annotations'), 'manifest', warnings) ?? {};

  const decision = decide(config.value, layers, artifactType, warnings);
  const result: Classification = {
    kind: decision.kind,
    mediaType: decision.mediaType,
    manifestMediaType,
    reason: decision.reason,
    isReferrer: false,
    warnings,
  };
  if (decision.subKind) result.subKind = decision.subKind;
  if (artifactType) result.artifactType = artifactType;
  refineByAnnotations(result, layers, annotations, opts);
  applySubject(result, field(doc, 'subject'), warnings);
  applyReferrerTag(result, opts.tag);
  return result;
}

function decide(config: Descriptor, layers: Descriptor[], artifactType: string | undefined, warnings: string[]): Decision {
  if (artifactType) {
    const match = matchType(artifactType);
    if (!match) return { kind: 'other', mediaType: artifactType, reason: `The artifactType ${artifactType} is not a kind Stevedore knows.` };
    const decided = fromMatch(match, artifactType, `The artifactType is ${artifactType}.`, layers);
    return match.rule.weak ? (byLayers(layers) ?? decided) : decided;
  }
  if (config.mediaType === mt.OCI_EMPTY) {
    warnings.push('The manifest has the empty config but no artifactType, which the OCI spec requires.');
    return { kind: 'other', mediaType: mt.OCI_EMPTY, reason: 'The config is empty and no artifactType says what this is.' };
  }
  const match = matchType(config.mediaType);
  if (!match) return { kind: 'other', mediaType: config.mediaType, reason: `The config type ${config.mediaType} is not a kind Stevedore knows.` };
  const decided = fromMatch(match, config.mediaType, `The config type is ${config.mediaType}.`, layers);
  return match.rule.weak ? (byLayers(layers) ?? decided) : decided;
}

/** A decision from a type rule; a sub-kind the rule leaves open may come from a layer of the same kind. */
function fromMatch(match: TypeMatch, mediaType: string, reason: string, layers: Descriptor[]): Decision {
  const decision: Decision = { kind: match.kind, mediaType, reason };
  const subKind = match.rule.subKind ?? layers.map((l) => matchLayerType(l.mediaType)).find((m) => m?.kind === match.kind && m.rule.subKind)?.rule.subKind;
  if (subKind) decision.subKind = subKind;
  return decision;
}

/** The first layer whose media type belongs to a specific kind decides. */
function byLayers(layers: Descriptor[]): Decision | undefined {
  for (const layer of layers) {
    const match = matchLayerType(layer.mediaType);
    if (match) {
      const decision: Decision = { kind: match.kind, mediaType: layer.mediaType, reason: `A layer has type ${layer.mediaType}.` };
      if (match.rule.subKind) decision.subKind = match.rule.subKind;
      return decision;
    }
  }
  return undefined;
}

function refineByAnnotations(result: Classification, layers: Descriptor[], annotations: Annotations, opts: ClassifyOptions): void {
  const bundleContent = annotations[mt.ANNOTATION_SIGSTORE_BUNDLE_CONTENT];
  const bundlePredicate = annotations[mt.ANNOTATION_SIGSTORE_BUNDLE_PREDICATE_TYPE];
  const isDsseBundle =
    bundleContent === mt.SIGSTORE_CONTENT_DSSE || (bundleContent === undefined && bundlePredicate !== undefined && bundlePredicate !== mt.SIGSTORE_SIGN_PREDICATE);
  if (result.kind === 'signature' && result.mediaType === mt.SIGSTORE_BUNDLE && isDsseBundle) {
    result.kind = 'attestation';
    result.subKind = 'cosign';
    result.reason = `A Sigstore bundle holding an attestation${bundlePredicate ? ` (${bundlePredicate})` : ''}.`;
  }
  const predicate =
    bundlePredicate ??
    layers.map((l) => l.annotations?.[mt.ANNOTATION_IN_TOTO_PREDICATE_TYPE] ?? l.annotations?.[mt.ANNOTATION_COSIGN_PREDICATE_TYPE]).find(Boolean);
  if (result.kind === 'attestation' && predicate) result.predicateType = predicate;

  if (result.kind === 'signature' && !result.subKind && layers.some((l) => l.annotations?.[mt.ANNOTATION_COSIGN_SIGNATURE] !== undefined)) {
    result.subKind = 'cosign';
  }

  const via = opts.descriptor?.annotations;
  if (via?.[mt.ANNOTATION_DOCKER_REFERENCE_TYPE] === mt.DOCKER_REFERENCE_TYPE_ATTESTATION) {
    result.kind = 'attestation';
    result.isReferrer = true;
    result.reason = 'A buildx attestation manifest.';
    const refersTo = via[mt.ANNOTATION_DOCKER_REFERENCE_DIGEST];
    if (isDigest(refersTo)) result.referrerOf = refersTo;
  }
}

function applySubject(result: Classification, value: unknown, warnings: string[]): void {
  if (value === undefined) return;
  const subject = parseDescriptor(value, 'subject', warnings);
  if (!subject.ok) {
    warnings.push(`The subject was ignored: ${subject.reason}.`);
    return;
  }
  result.subject = subject.value;
  result.isReferrer = true;
  result.referrerOf = subject.value.digest;
}

const TAG_KIND: Readonly<Record<ReferrerTagKind, KindId | undefined>> = {
  'tag-schema': undefined,
  'cosign-signature': 'signature',
  'cosign-attestation': 'attestation',
  'cosign-sbom': 'sbom',
};

function applyReferrerTag(result: Classification, tag: string | undefined): void {
  const ref = typeof tag === 'string' ? parseReferrerTag(tag) : undefined;
  if (!ref || ref.kind === 'tag-schema') return;
  result.isReferrer = true;
  result.referrerOf ??= ref.digest;
  const expected = TAG_KIND[ref.kind];
  if (expected && result.kind !== expected) {
    result.warnings.push(`The tag ${tag} is a cosign ${ref.kind.slice(7)} tag, but the content is not one.`);
  }
}

function classifySchema1(doc: Record<string, unknown>, manifestMediaType: string, warnings: string[]): Classification {
  warnings.push(SCHEMA1_WARNING);
  const architecture = field(doc, 'architecture');
  const arch = typeof architecture === 'string' && architecture.length <= 64 ? architecture : undefined;
  return {
    kind: 'image',
    mediaType: manifestMediaType,
    manifestMediaType,
    reason: `An obsolete Docker schema 1 image manifest${arch ? ` (${arch})` : ''}.`,
    isReferrer: false,
    schema1: true,
    warnings,
  };
}

function unreadable(reason: string, mediaType: string | undefined, warnings: string[]): Classification {
  const type = isMediaType(mediaType) ? mediaType : 'unknown';
  return { kind: 'unreadable', mediaType: type, manifestMediaType: type, reason, isReferrer: false, warnings };
}
