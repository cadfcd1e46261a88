import { describe, expect, it } from 'vitest';
import { EMPTY_JSON_DIGEST, OCI_EMPTY, OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST, DOCKER_SCHEMA1_SIGNED } from './media-types';
import { parseManifest } from './parse-manifest';

const config = { mediaType: OCI_EMPTY, digest: EMPTY_JSON_DIGEST, size: 2 };
const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));

describe('parseManifest', () => {
  it('reads an image manifest and an index by media type', () => {
    const m = parseManifest(json({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [] }), OCI_MANIFEST);
    expect(m).toEqual({ kind: 'manifest', manifest: { schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [] } });
    const i = parseManifest(json({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ ...config, mediaType: OCI_MANIFEST }] }), `${OCI_INDEX}; charset=utf-8`);
    expect(i.kind).toBe('index');
  });

  it('falls back to the Content-Type when the mediaType field is absent, and to the shape when both are', () => {
    expect(parseManifest(json({ schemaVersion: 2, config, layers: [] }), DOCKER_MANIFEST).kind).toBe('manifest');
    expect(parseManifest(json({ schemaVersion: 2, manifests: [] }), 'application/json').kind).toBe('index');
  });

  it.each([
    ['manifests inside an image manifest', { schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [], manifests: [] }, OCI_MANIFEST, /must not have "manifests"/],
    ['layers inside an index', { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [], layers: [] }, OCI_INDEX, /must not have config or layers/],
    ['a mediaType that contradicts Content-Type', { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] }, OCI_MANIFEST, /contradicts the Content-Type/],
    ['a bad digest', { schemaVersion: 2, config: { ...config, digest: 'sha256:1' }, layers: [] }, OCI_MANIFEST, /config has an invalid digest/],
    ['a negative size', { schemaVersion: 2, config: { ...config, size: -1 }, layers: [] }, OCI_MANIFEST, /invalid size/],
    ['a non-string annotation', { schemaVersion: 2, config, layers: [], annotations: { a: 1 } }, OCI_MANIFEST, /not a string/],
    ['schemaVersion 3', { schemaVersion: 3, config, layers: [] }, OCI_MANIFEST, /schemaVersion is not 2/],
    ['an unknown media type', { schemaVersion: 2, mediaType: 'text/plain', config, layers: [] }, 'text/plain', /not a manifest type/],
  ])('refuses %s', (_what, body, contentType, why) => {
    expect(() => parseManifest(json(body), contentType)).toThrow(why);
  });

  it('refuses Docker schema 1 with a message saying what to do', () => {
    expect(() => parseManifest(json({ schemaVersion: 1, name: 'x' }), DOCKER_SCHEMA1_SIGNED)).toThrow('obsolete Docker schema 1 manifest; re-push it with a current tool');
    expect(() => parseManifest(json({ schemaVersion: 1, name: 'x' }), 'application/json')).toThrow(/schema 1/);
  });

  it('refuses non-JSON', () => {
    expect(() => parseManifest(Buffer.from('<html>'), OCI_MANIFEST)).toThrow(/not JSON/);
  });
});
