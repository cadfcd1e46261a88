import { ContractError } from '../../../shared/contract';
import { isDigest } from '../reference/digest';
import { isImageManifestType, isIndexType, isSchema1 } from './media-types';
import type { Descriptor, ImageIndex, ImageManifest, ParsedManifest, Platform } from './manifest-types';

const SCHEMA1_MESSAGE = 'This is an obsolete Docker schema 1 manifest; re-push it with a current tool.';
const MAX_DESCRIPTORS = 10_000;

function bad(why: string): never {
  throw new ContractError('invalid-input', `The registry sent an invalid manifest: ${why}.`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringMap(v: unknown, where: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) bad(`${where} is not an object of strings`);
  for (const value of Object.values(v)) if (typeof value !== 'string') bad(`${where} holds a value that is not a string`);
  return v as Record<string, string>;
}

function stringList(v: unknown, where: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) bad(`${where} is not a list of strings`);
  return v;
}

function platform(v: unknown, where: string): Platform | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v) || typeof v.architecture !== 'string' || typeof v.os !== 'string') bad(`${where}.platform needs architecture and os`);
  return v as unknown as Platform;
}

export function parseDescriptor(v: unknown, where: string): Descriptor {
  if (!isRecord(v)) bad(`${where} is not a descriptor`);
  const { mediaType, digest, size, artifactType } = v;
  if (typeof mediaType !== 'string' || mediaType.length === 0 || mediaType.length > 255) bad(`${where} has no valid mediaType`);
  if (!isDigest(digest)) bad(`${where} has an invalid digest`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) bad(`${where} has an invalid size`);
  if (artifactType !== undefined && typeof artifactType !== 'string') bad(`${where}.artifactType is not a string`);
  if (v.data !== undefined && typeof v.data !== 'string') bad(`${where}.data is not base64 text`);
  const urls = stringList(v.urls, `${where}.urls`);
  const annotations = stringMap(v.annotations, `${where}.annotations`);
  const plat = platform(v.platform, where);
  return {
    mediaType,
    digest,
    size,
    ...(urls ? { urls } : {}),
    ...(annotations ? { annotations } : {}),
    ...(typeof v.data === 'string' ? { data: v.data } : {}),
    ...(plat ? { platform: plat } : {}),
    ...(typeof artifactType === 'string' ? { artifactType } : {}),
  };
}

function descriptors(v: unknown, where: string): Descriptor[] {
  if (!Array.isArray(v)) bad(`${where} is not a list`);
  if (v.length > MAX_DESCRIPTORS) bad(`${where} has more than ${MAX_DESCRIPTORS} entries`);
  return v.map((d, i) => parseDescriptor(d, `${where}[${i}]`));
}

/**
 * Reads manifest bytes by media type and refuses shapes that contradict it (containerd
 * GHSA-5j5w-g665-5m35): `manifests` in an image manifest, `config`/`layers` in an index, or a
 * `mediaType` field that differs from the Content-Type.
 */
export function parseManifest(bytes: Buffer, contentType: string | undefined): ParsedManifest {
  const declared = contentType?.split(';', 1)[0]?.trim().toLowerCase() || undefined;
  if (isSchema1(declared) && declared !== 'application/json') throw new ContractError('invalid-input', SCHEMA1_MESSAGE);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    bad('it is not JSON');
  }
  if (!isRecord(json)) bad('it is not a JSON object');
  if (json.schemaVersion === 1) throw new ContractError('invalid-input', SCHEMA1_MESSAGE);
  if (json.schemaVersion !== 2) bad('schemaVersion is not 2');
  const field = json.mediaType;
  if (field !== undefined && typeof field !== 'string') bad('mediaType is not a string');
  if (field !== undefined && declared !== undefined && declared !== 'application/json' && field !== declared) {
    bad(`its mediaType "${field}" contradicts the Content-Type "${declared}"`);
  }
  const mediaType = field ?? (declared !== 'application/json' ? declared : undefined);
  const hasManifests = json.manifests !== undefined;
  const hasImageFields = json.config !== undefined || json.layers !== undefined;
  const asIndex = mediaType !== undefined ? isIndexType(mediaType) : hasManifests && !hasImageFields;
  const asManifest = mediaType !== undefined ? isImageManifestType(mediaType) : hasImageFields && !hasManifests;
  if (!asIndex && !asManifest) bad(mediaType ? `the media type "${mediaType.slice(0, 100)}" is not a manifest type` : 'its type cannot be told from its content');

  const artifactType = json.artifactType;
  if (artifactType !== undefined && typeof artifactType !== 'string') bad('artifactType is not a string');
  const subject = json.subject === undefined || json.subject === null ? undefined : parseDescriptor(json.subject, 'subject');
  const annotations = stringMap(json.annotations, 'annotations');
  const common = {
    schemaVersion: 2 as const,
    ...(field !== undefined ? { mediaType: field } : {}),
    ...(typeof artifactType === 'string' ? { artifactType } : {}),
  };
  const tail = { ...(subject ? { subject } : {}), ...(annotations ? { annotations } : {}) };

  if (asIndex) {
    if (hasImageFields) bad('an index must not have config or layers');
    const index: ImageIndex = { ...common, manifests: descriptors(json.manifests ?? [], 'manifests'), ...tail };
    return { kind: 'index', index };
  }
  if (hasManifests) bad('an image manifest must not have "manifests"');
  if (json.config === undefined) bad('an image manifest needs a config');
  const manifest: ImageManifest = {
    ...common,
    config: parseDescriptor(json.config, 'config'),
    layers: json.layers === undefined || json.layers === null ? [] : descriptors(json.layers, 'layers'),
    ...tail,
  };
  return { kind: 'manifest', manifest };
}

export function mediaTypeOf(parsed: ParsedManifest, fallback: string): string {
  return (parsed.kind === 'index' ? parsed.index.mediaType : parsed.manifest.mediaType) ?? fallback;
}
