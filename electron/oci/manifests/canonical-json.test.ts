import { describe, expect, it } from 'vitest';
import { canonicalIndex, canonicalManifest, goJsonString } from './canonical-json';
import { EMPTY_JSON_DIGEST, OCI_EMPTY, OCI_INDEX, OCI_MANIFEST } from './media-types';

const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: `sha256:${'b'.repeat(64)}`, size: 5, annotations: { 'org.opencontainers.image.title': 'a.txt' } };

describe('canonical manifest JSON (as Go tools write it)', () => {
  it('writes fields in struct order, compact, omitting empty optionals', () => {
    const bytes = canonicalManifest({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: 'application/vnd.example+type',
      config: { mediaType: OCI_EMPTY, digest: EMPTY_JSON_DIGEST, size: 2, data: 'e30=' },
      layers: [layer],
      annotations: { 'org.opencontainers.image.created': '2024-01-01T00:00:00Z' },
    });
    expect(bytes.toString()).toBe(
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/vnd.example+type",' +
        `"config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"${EMPTY_JSON_DIGEST}","size":2,"data":"e30="},` +
        `"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:${'b'.repeat(64)}","size":5,"annotations":{"org.opencontainers.image.title":"a.txt"}}],` +
        '"annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"}}',
    );
  });

  it('always writes layers, as [] when empty, and drops empty annotation maps and strings', () => {
    const bytes = canonicalManifest({ schemaVersion: 2, mediaType: OCI_MANIFEST, artifactType: '', config: { mediaType: OCI_EMPTY, digest: EMPTY_JSON_DIGEST, size: 2 }, layers: [], annotations: {} });
    expect(bytes.toString()).toBe(`{"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","config":{"mediaType":"${OCI_EMPTY}","digest":"${EMPTY_JSON_DIGEST}","size":2},"layers":[]}`);
  });

  it('sorts annotation keys and escapes <, > and & like encoding/json', () => {
    const bytes = canonicalManifest({ schemaVersion: 2, config: { mediaType: OCI_EMPTY, digest: EMPTY_JSON_DIGEST, size: 2 }, layers: [], annotations: { z: 'a<b>&c', a: '"q"\n', m: 'é\u2028' } });
    expect(bytes.toString()).toContain('"annotations":{"a":"\\"q\\"\\n","m":"é\\u2028","z":"a\\u003cb\\u003e\\u0026c"}');
    expect(goJsonString('<&>')).toBe('"\\u003c\\u0026\\u003e"');
  });

  it('writes an index with platforms in struct order and the subject before annotations', () => {
    const bytes = canonicalIndex({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: OCI_MANIFEST, digest: layer.digest, size: 9, platform: { variant: 'v8', os: 'linux', architecture: 'arm64' }, artifactType: 'x/y' }],
      subject: { mediaType: OCI_MANIFEST, digest: layer.digest, size: 9 },
      annotations: { k: 'v' },
    });
    expect(bytes.toString()).toBe(
      `{"schemaVersion":2,"mediaType":"${OCI_INDEX}","manifests":[{"mediaType":"${OCI_MANIFEST}","digest":"${layer.digest}","size":9,"platform":{"architecture":"arm64","os":"linux","variant":"v8"},"artifactType":"x/y"}],` +
        `"subject":{"mediaType":"${OCI_MANIFEST}","digest":"${layer.digest}","size":9},"annotations":{"k":"v"}}`,
    );
  });
});
