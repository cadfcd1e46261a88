import type { Descriptor, ImageIndex, ImageManifest, Platform } from './manifest-types';

/** Go's encoding/json escaping: HTML-safe `<`, `>`, `&` and the JS line separators. */
export function goJsonString(value: string): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

type Field = [name: string, json: string | undefined];

function object(fields: Field[]): string {
  return `{${fields.filter((f): f is [string, string] => f[1] !== undefined).map(([k, v]) => `${goJsonString(k)}:${v}`).join(',')}}`;
}

const str = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : goJsonString(v));
const strList = (v: readonly string[] | undefined): string | undefined => (v && v.length > 0 ? `[${v.map(goJsonString).join(',')}]` : undefined);

function annotations(map: Record<string, string> | undefined): string | undefined {
  if (!map) return undefined;
  const keys = Object.keys(map).sort();
  if (keys.length === 0) return undefined;
  return `{${keys.map((k) => `${goJsonString(k)}:${goJsonString(map[k]!)}`).join(',')}}`;
}

export function platformJson(p: Platform | undefined): string | undefined {
  if (!p) return undefined;
  return object([
    ['architecture', goJsonString(p.architecture)],
    ['os', goJsonString(p.os)],
    ['os.version', str(p['os.version'])],
    ['os.features', strList(p['os.features'])],
    ['variant', str(p.variant)],
    ['features', strList(p.features)],
  ]);
}

/** A descriptor in image-spec struct order, empty optionals omitted. */
export function descriptorJson(d: Descriptor | undefined): string | undefined {
  if (!d) return undefined;
  return object([
    ['mediaType', goJsonString(d.mediaType)],
    ['digest', goJsonString(d.digest)],
    ['size', String(d.size)],
    ['urls', strList(d.urls)],
    ['annotations', annotations(d.annotations)],
    ['data', str(d.data)],
    ['platform', platformJson(d.platform)],
    ['artifactType', str(d.artifactType)],
  ]);
}

/** The bytes `oras push` (Go's json.Marshal of ocispec.Manifest) writes for this manifest. */
export function canonicalManifest(m: ImageManifest): Buffer {
  return Buffer.from(
    object([
      ['schemaVersion', String(m.schemaVersion)],
      ['mediaType', str(m.mediaType)],
      ['artifactType', str(m.artifactType)],
      ['config', descriptorJson(m.config)],
      ['layers', `[${m.layers.map((l) => descriptorJson(l)).join(',')}]`],
      ['subject', descriptorJson(m.subject)],
      ['annotations', annotations(m.annotations)],
    ]),
    'utf8',
  );
}

/** The bytes Go tools write for an image index (`manifests` always present). */
export function canonicalIndex(i: ImageIndex): Buffer {
  return Buffer.from(
    object([
      ['schemaVersion', String(i.schemaVersion)],
      ['mediaType', str(i.mediaType)],
      ['artifactType', str(i.artifactType)],
      ['manifests', `[${i.manifests.map((d) => descriptorJson(d)).join(',')}]`],
      ['subject', descriptorJson(i.subject)],
      ['annotations', annotations(i.annotations)],
    ]),
    'utf8',
  );
}
