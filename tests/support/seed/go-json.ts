/**
 * JSON written the way Go tools (oras, helm, crane, containerd) write it: compact, fields in
 * struct order, empty optional fields omitted, map keys sorted, and `<`, `>`, `&`, U+2028 and
 * U+2029 escaped. Same input, same bytes, same digest as the tool would produce.
 */

export type Annotations = Readonly<Record<string, string>>;

export interface Platform {
  architecture: string;
  os: string;
  'os.version'?: string;
  'os.features'?: string[];
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Annotations;
  data?: string;
  platform?: Platform;
  artifactType?: string;
}

export interface OciManifest {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Annotations;
}

export interface OciIndex {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Annotations;
}

const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** JSON.stringify keeps insertion order and drops `undefined`; Go additionally escapes HTML characters. */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);
}

/** Go's json.MarshalIndent(v, "", "   "), as Distribution's schema2 package writes Docker manifests. */
export function goJsonIndented(value: unknown, indent = '   '): string {
  return JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);
}

/** Go marshals map[string]T with sorted keys; an empty map is omitted under `omitempty`. */
export function sortedMap<T>(map: Readonly<Record<string, T>> | undefined): Record<string, T> | undefined {
  if (!map) return undefined;
  const keys = Object.keys(map).sort();
  if (keys.length === 0) return undefined;
  const out: Record<string, T> = {};
  for (const key of keys) out[key] = map[key] as T;
  return out;
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

export function orderPlatform(p: Platform): Platform {
  return {
    architecture: p.architecture,
    os: p.os,
    'os.version': p['os.version'] || undefined,
    'os.features': nonEmpty(p['os.features']),
    variant: p.variant || undefined,
  };
}

/** ocispec.Descriptor field order. */
export function orderDescriptor(d: Descriptor): Descriptor {
  return {
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
    urls: nonEmpty(d.urls),
    annotations: sortedMap(d.annotations),
    data: d.data || undefined,
    platform: d.platform ? orderPlatform(d.platform) : undefined,
    artifactType: d.artifactType || undefined,
  };
}

/** ocispec.Manifest field order; `layers` is always written (`[]` when empty), as oras-go does. */
export function orderManifest(m: OciManifest): OciManifest {
  return {
    schemaVersion: 2,
    mediaType: m.mediaType || undefined,
    artifactType: m.artifactType || undefined,
    config: orderDescriptor(m.config),
    layers: m.layers.map(orderDescriptor),
    subject: m.subject ? orderDescriptor(m.subject) : undefined,
    annotations: sortedMap(m.annotations),
  };
}

/** ocispec.Index field order. */
export function orderIndex(i: OciIndex): OciIndex {
  return {
    schemaVersion: 2,
    mediaType: i.mediaType || undefined,
    artifactType: i.artifactType || undefined,
    manifests: i.manifests.map(orderDescriptor),
    subject: i.subject ? orderDescriptor(i.subject) : undefined,
    annotations: sortedMap(i.annotations),
  };
}
