import { isDigest } from './digest';
import { limits } from './limits';
import { isMediaType } from './media-type-syntax';

export type Annotations = Record<string, string>;

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
  features?: string[];
}

/** An OCI descriptor after validation; only the fields Stevedore reads. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Annotations;
  platform?: Platform;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property only: a manifest's `__proto__` or `constructor` key is data, never inherited. */
export function field(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Keeps string annotations within bounds; anything else is dropped with a warning. */
export function parseAnnotations(value: unknown, where: string, warnings: string[]): Annotations | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    warnings.push(`${where}: annotations are not an object and were ignored.`);
    return undefined;
  }
  const out: Annotations = {};
  let kept = 0;
  let dropped = 0;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (kept >= limits.annotations || key.length > limits.annotationKeyChars || typeof v !== 'string') {
      dropped++;
      continue;
    }
    Object.defineProperty(out, key, { value: v.slice(0, limits.annotationValueChars), enumerable: true, writable: true, configurable: true });
    kept++;
  }
  if (dropped > 0) warnings.push(`${where}: ${dropped} annotation(s) were ignored (not text, or beyond the limit).`);
  return out;
}

function boundedString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= limits.platformChars;
}

export function parsePlatform(value: unknown, where: string, warnings: string[]): Platform | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value) || !boundedString(field(value, 'os')) || !boundedString(field(value, 'architecture'))) {
    warnings.push(`${where}: the platform has no valid os and architecture and was ignored.`);
    return undefined;
  }
  const platform: Platform = { os: field(value, 'os') as string, architecture: field(value, 'architecture') as string };
  const variant = field(value, 'variant');
  if (boundedString(variant)) platform.variant = variant;
  const osVersion = field(value, 'os.version');
  if (boundedString(osVersion)) platform.osVersion = osVersion;
  const features = field(value, 'os.features');
  if (Array.isArray(features)) platform.features = features.slice(0, limits.platformFeatures).filter(boundedString);
  return platform;
}

/** Validates one descriptor; a bad mediaType, digest or size makes it unusable. */
export function parseDescriptor(value: unknown, where: string, warnings: string[]): Parsed<Descriptor> {
  if (!isRecord(value)) return { ok: false, reason: `${where} is not an object` };
  const mediaType = field(value, 'mediaType');
  if (!isMediaType(mediaType)) return { ok: false, reason: `${where} has no valid mediaType` };
  const digest = field(value, 'digest');
  if (!isDigest(digest)) return { ok: false, reason: `${where} has no valid digest` };
  const size = field(value, 'size');
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    return { ok: false, reason: `${where} has no valid size` };
  }
  const descriptor: Descriptor = { mediaType, digest, size };
  const artifactType = field(value, 'artifactType');
  if (artifactType !== undefined) {
    if (isMediaType(artifactType)) descriptor.artifactType = artifactType;
    else warnings.push(`${where}: its artifactType is not a media type and was ignored.`);
  }
  const annotations = parseAnnotations(field(value, 'annotations'), where, warnings);
  if (annotations) descriptor.annotations = annotations;
  const platform = parsePlatform(field(value, 'platform'), where, warnings);
  if (platform) descriptor.platform = platform;
  return { ok: true, value: descriptor };
}

/** Validates a list of descriptors, reading at most `limits.descriptors` of them. */
export function parseDescriptorList(value: unknown, name: string, warnings: string[]): Parsed<Descriptor[]> {
  if (!Array.isArray(value)) return { ok: false, reason: `${name} is not a list` };
  if (value.length > limits.descriptors) {
    warnings.push(`Only the first ${limits.descriptors} of ${value.length} ${name} were examined.`);
  }
  const out: Descriptor[] = [];
  const count = Math.min(value.length, limits.descriptors);
  for (let i = 0; i < count; i++) {
    const parsed = parseDescriptor(value[i], `${name}[${i}]`, warnings);
    if (!parsed.ok) return parsed;
    out.push(parsed.value);
  }
  return { ok: true, value: out };
}
