import { classifyManifest, isKindId, refineIndexByChild, type Classification } from '../../../shared/artifacts';
import type { ArtifactRow } from '../../../shared/contract';
import type { CachedManifest } from '../cache/manifest-cache';
import { isRfc3339 } from './rfc3339';

/** What the catalog row shows of one digest: immutable, so cached by digest. */
export type DigestFacts = Pick<ArtifactRow, 'kind' | 'subKind' | 'mediaType' | 'manifestMediaType' | 'size' | 'created' | 'platforms' | 'problem'> & {
  /** buildx attestation manifests inside an index: referrers of its platforms. */
  buildxAttestations?: number;
};

const MAX_CHILDREN = 16;
const CREATED = 'org.opencontainers.image.created';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Manifest + config + layers, from the descriptors (nothing fetched). */
export function manifestTotalSize(doc: unknown, ownSize: number): number | undefined {
  if (!isObject(doc)) return undefined;
  let total = ownSize;
  const config = doc.config;
  if (isObject(config) && typeof config.size === 'number' && Number.isSafeInteger(config.size) && config.size >= 0) total += config.size;
  const layers = Array.isArray(doc.layers) ? doc.layers : [];
  for (const layer of layers) {
    if (isObject(layer) && typeof layer.size === 'number' && Number.isSafeInteger(layer.size) && layer.size >= 0) total += layer.size;
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

export function createdOf(doc: unknown): string | undefined {
  if (!isObject(doc) || !isObject(doc.annotations)) return undefined;
  const value = doc.annotations[CREATED];
  return isRfc3339(value) ? value : undefined;
}

export function platformName(p: { os: string; architecture: string; variant?: string }): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

export function classify(manifest: CachedManifest, tag?: string): { doc: unknown; classification: Classification } {
  const doc = parseJson(manifest.bytes);
  const input = doc === undefined ? manifest.bytes.toString('utf8') : doc;
  return { doc, classification: classifyManifest(input, { contentType: manifest.contentType, ...(tag ? { tag } : {}) }) };
}

/**
 * Classifies a manifest; for an index, also reads its platform manifests (cached, by digest) to
 * refine the kind by the first child and to sum the platforms' sizes.
 */
export async function factsOf(manifest: CachedManifest, loadChild: (digest: string) => Promise<CachedManifest>): Promise<DigestFacts> {
  const { doc, classification } = classify(manifest);
  const facts: DigestFacts = {
    kind: classification.kind,
    mediaType: classification.mediaType,
    manifestMediaType: classification.manifestMediaType,
  };
  if (classification.subKind) facts.subKind = classification.subKind;
  if (classification.kind === 'unreadable') {
    facts.problem = classification.reason;
    return facts;
  }
  const created = createdOf(doc);
  if (created) facts.created = created;
  const platforms = classification.platforms ?? [];
  if (platforms.length === 0) {
    const size = manifestTotalSize(doc, manifest.bytes.length);
    if (size !== undefined) facts.size = size;
    return facts;
  }
  facts.platforms = platforms.map((p) => platformName(p.platform));
  if (classification.attestations?.length) facts.buildxAttestations = classification.attestations.length;
  let total = manifest.bytes.length;
  let refined = classification;
  const children = await Promise.all(
    platforms.slice(0, MAX_CHILDREN).map(async (p) => {
      try {
        return await loadChild(p.digest);
      } catch {
        return undefined;
      }
    }),
  );
  children.forEach((child, i) => {
    if (!child) return;
    const read = classify(child);
    if (i === 0) refined = refineIndexByChild(classification, read.classification);
    total += manifestTotalSize(read.doc, child.bytes.length) ?? 0;
  });
  facts.kind = refined.kind;
  facts.mediaType = refined.mediaType;
  if (refined.subKind) facts.subKind = refined.subKind;
  else delete facts.subKind;
  if (children.every(Boolean) && platforms.length <= MAX_CHILDREN) facts.size = total;
  return facts;
}

/** Reads facts back from the cache; anything odd is a miss. */
export function decodeFacts(bytes: Buffer): DigestFacts | undefined {
  const value = parseJson(bytes);
  if (!isObject(value) || !isKindId(value.kind) || typeof value.mediaType !== 'string') return undefined;
  // Facts cached before dates were checked may hold any text: such a date is dropped, not shown.
  if (value.created !== undefined && !isRfc3339(value.created)) delete value.created;
  return value as unknown as DigestFacts;
}
