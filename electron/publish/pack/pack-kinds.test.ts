import { describe, expect, it } from 'vitest';
import { canonicalManifest } from '../../oci/manifests/canonical-json';
import { EMPTY_JSON_DIGEST } from '../../oci/manifests/media-types';
import { blobOf, extrasOf, optionsOf } from './test-fixtures';
import { packCustom } from './pack-custom';
import { packOpa } from './pack-opa';
import { packSbom } from './pack-sbom';
import { packVolume } from './pack-volume';

const dataOf = (blob: { source: unknown }) => Buffer.from((blob.source as { data: Uint8Array }).data).toString();

describe('packVolume (Docker volume)', () => {
  const file = blobOf('e0', 'foo.txt', 'foo', { mediaType: 'text/plain' });
  const config = blobOf('e1', 'config.json', '{"driver":"local"}');

  it('default form: the volume type as artifactType, the empty config, the files as ORAS layers', () => {
    const { manifest, problems } = packVolume({ options: optionsOf({ kind: 'volume' }), blobs: [file], extras: extrasOf() });
    expect(problems).toEqual([]);
    expect(canonicalManifest(manifest).toString()).toBe(
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/vnd.docker.volume.v1+tar.gz",' +
        `"config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"${EMPTY_JSON_DIGEST}","size":2,"data":"e30="},` +
        `"layers":[{"mediaType":"text/plain","digest":"${file.digest}","size":3,"annotations":{"org.opencontainers.image.title":"foo.txt"}}]}`,
    );
  });

  it('config form: the chosen file is the config under the volume type (no title, not a layer), no artifactType', () => {
    const { manifest, blobs } = packVolume({ options: optionsOf({ kind: 'volume', volumeForm: 'config', configEntryId: 'e1' }), blobs: [file, config], extras: extrasOf() });
    expect(manifest.artifactType).toBeUndefined();
    expect(manifest.config).toEqual({ mediaType: 'application/vnd.docker.volume.v1+tar.gz', digest: config.digest, size: config.size });
    expect(manifest.layers.map((l) => l.annotations?.['org.opencontainers.image.title'])).toEqual(['foo.txt']);
    expect(blobs[0]!.name).toBe('config.json');
  });

  it('config form without a config file: `{}` under the volume type', () => {
    const { manifest, blobs } = packVolume({ options: optionsOf({ kind: 'volume', volumeForm: 'config' }), blobs: [file], extras: extrasOf() });
    expect(manifest.config).toEqual({ mediaType: 'application/vnd.docker.volume.v1+tar.gz', digest: EMPTY_JSON_DIGEST, size: 2 });
    expect(dataOf(blobs[0]!)).toBe('{}');
  });
});

describe('packCustom', () => {
  const file = blobOf('e0', 'model.bin', 'weights');
  const cfg = blobOf('e1', 'meta.json', '{"a":1}');

  it('a config file under the typed config media type, with an artifactType when given', () => {
    const { manifest, problems } = packCustom({ options: optionsOf({ kind: 'custom', artifactType: 'application/vnd.example.model.v1', configMediaType: 'application/vnd.example.model.config.v1+json', configEntryId: 'e1' }), blobs: [file, cfg], extras: extrasOf() });
    expect(problems).toEqual([]);
    expect(manifest.artifactType).toBe('application/vnd.example.model.v1');
    expect(manifest.config).toEqual({ mediaType: 'application/vnd.example.model.config.v1+json', digest: cfg.digest, size: cfg.size });
    expect(manifest.layers).toHaveLength(1);
  });

  it('a config file without a type gets ORAS\'s unknown config type', () => {
    const { manifest } = packCustom({ options: optionsOf({ kind: 'custom', configEntryId: 'e1' }), blobs: [file, cfg], extras: extrasOf() });
    expect(manifest.config.mediaType).toBe('application/vnd.unknown.config.v1+json');
    expect(manifest.artifactType).toBeUndefined();
  });

  it('neither an artifactType nor a config type: a problem saying what to type', () => {
    expect(packCustom({ options: optionsOf({ kind: 'custom' }), blobs: [file], extras: extrasOf() }).problems[0]).toMatch(/needs an artifact type, or a config media type/);
  });
});

describe('packSbom', () => {
  const spdx = blobOf('e0', 'sbom.spdx.json', '{"spdxVersion":"SPDX-2.3"}', { sniffed: 'spdx', mediaType: 'application/spdx+json' });
  const cdx = blobOf('e0', 'bom.json', '{"bomFormat":"CycloneDX"}', { sniffed: 'cyclonedx' });

  it('SPDX: artifactType and layer type by content, the empty config, the document titled, attached by subject', () => {
    const subject = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'c'.repeat(64)}`, size: 500 };
    const { manifest, problems } = packSbom({ options: optionsOf({ kind: 'sbom' }), blobs: [spdx], extras: extrasOf({ subject }) });
    expect(problems).toEqual([]);
    expect(manifest.artifactType).toBe('application/spdx+json');
    expect(manifest.config.digest).toBe(EMPTY_JSON_DIGEST);
    expect(manifest.layers).toEqual([{ mediaType: 'application/spdx+json', digest: spdx.digest, size: spdx.size, annotations: { 'org.opencontainers.image.title': 'sbom.spdx.json' } }]);
    expect(manifest.subject).toEqual(subject);
  });

  it('CycloneDX by content', () => {
    const { manifest } = packSbom({ options: optionsOf({ kind: 'sbom' }), blobs: [cdx], extras: extrasOf() });
    expect(manifest.artifactType).toBe('application/vnd.cyclonedx+json');
    expect(manifest.layers[0]!.mediaType).toBe('application/vnd.cyclonedx+json');
  });

  it('a document that is neither, or several files: problems naming them', () => {
    const other = blobOf('e0', 'notes.json', '{}', { sniffed: 'json' });
    expect(packSbom({ options: optionsOf({ kind: 'sbom' }), blobs: [other], extras: extrasOf() }).problems).toEqual(['notes.json is not an SPDX or CycloneDX JSON document; name its artifact type, or choose another kind.']);
    expect(packSbom({ options: optionsOf({ kind: 'sbom' }), blobs: [spdx, cdx], extras: extrasOf() }).problems[0]).toMatch(/one document/);
  });
});

describe('packOpa', () => {
  it('.rego files as policy layers and data.json as a data layer, under the OPA config `{}`', () => {
    const rego = blobOf('e0', 'policy/deny.rego', 'package main', { sniffed: 'rego' });
    const data = blobOf('e1', 'data.json', '{}');
    const { manifest, blobs, problems } = packOpa({ options: optionsOf({ kind: 'opa' }), blobs: [rego, data], extras: extrasOf() });
    expect(problems).toEqual([]);
    expect(manifest.config).toEqual({ mediaType: 'application/vnd.cncf.openpolicyagent.config.v1+json', digest: EMPTY_JSON_DIGEST, size: 2 });
    expect(manifest.layers.map((l) => [l.mediaType, l.annotations?.['org.opencontainers.image.title']])).toEqual([
      ['application/vnd.cncf.openpolicyagent.policy.layer.v1+rego', 'policy/deny.rego'],
      ['application/vnd.cncf.openpolicyagent.data.layer.v1+json', 'data.json'],
    ]);
    expect(blobs.map((b) => b.name)).toEqual(['config', 'policy/deny.rego']);
  });

  it('a bundle tarball as one layer; a stray file and no policy are problems', () => {
    const bundle = blobOf('e0', 'bundle.tar.gz', 'gz', { sniffed: 'opa-bundle' });
    expect(packOpa({ options: optionsOf({ kind: 'opa' }), blobs: [bundle], extras: extrasOf() }).manifest.layers[0]!.mediaType).toBe('application/vnd.cncf.openpolicyagent.layer.v1.tar+gzip');
    const stray = blobOf('e0', 'readme.md', '#');
    expect(packOpa({ options: optionsOf({ kind: 'opa' }), blobs: [stray], extras: extrasOf() }).problems).toEqual([
      'readme.md is neither a Rego policy, data (.json) nor an OPA bundle; leave it out or choose another kind.',
      'An OPA artifact needs a bundle (.tar.gz) or at least one .rego policy.',
    ]);
  });
});
