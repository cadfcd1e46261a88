import { describe, expect, it } from 'vitest';
import { classifyManifest } from './classify';
import * as f from './fixtures';
import { limits } from './limits';

describe('classifyManifest: images', () => {
  it('reads a Docker schema 2 image as a single-platform image by its config type', () => {
    const c = classifyManifest(f.dockerV2Image);
    expect(c).toMatchObject({
      kind: 'image',
      mediaType: 'application/vnd.docker.container.image.v1+json',
      manifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      isReferrer: false,
    });
    expect(c.warnings).toEqual([]);
  });

  it('reads an OCI image with gzip and zstd layers as an image', () => {
    const c = classifyManifest(f.ociImage);
    expect(c.kind).toBe('image');
    expect(c.mediaType).toBe('application/vnd.oci.image.config.v1+json');
  });

  it('reads a buildx index as a multi-platform image whose attestation manifests are referrers, not platforms', () => {
    const c = classifyManifest(f.buildxIndex);
    expect(c.kind).toBe('image-index');
    expect(c.platforms?.map((p) => [p.digest, p.platform])).toEqual([
      [f.d.amd64Manifest, { os: 'linux', architecture: 'amd64' }],
      [f.d.arm64Manifest, { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    ]);
    expect(c.attestations).toEqual([
      { digest: f.d.amd64Attestation, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 839, refersTo: f.d.amd64Manifest },
      { digest: f.d.arm64Attestation, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 839, refersTo: f.d.arm64Manifest },
    ]);
    expect(c.otherManifests).toEqual([]);
    expect(c.reason).toContain('linux/amd64, linux/arm64/v8');
    expect(c.warnings).toEqual([]);
  });

  it('reads a Docker manifest list with a Windows entry, keeping os.version', () => {
    const c = classifyManifest(f.dockerManifestList);
    expect(c.kind).toBe('image-index');
    expect(c.manifestMediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(c.platforms).toHaveLength(3);
    expect(c.platforms?.[2]?.platform).toEqual({ os: 'windows', architecture: 'amd64', osVersion: '10.0.20348.2340' });
  });

  it('classifies a buildx attestation manifest reached through its index entry as an attestation referrer', () => {
    const entry = f.buildxIndex.manifests[2];
    const c = classifyManifest(f.buildxAttestationManifest, { descriptor: { annotations: entry?.annotations } });
    expect(c).toMatchObject({
      kind: 'attestation',
      isReferrer: true,
      referrerOf: f.d.amd64Manifest,
      predicateType: 'https://slsa.dev/provenance/v0.2',
    });
  });

  it('recognises the in-toto layer of a buildx attestation manifest even without the index entry', () => {
    const c = classifyManifest(f.buildxAttestationManifest);
    expect(c.kind).toBe('attestation');
    expect(c.mediaType).toBe('application/vnd.in-toto+json');
    expect(c.isReferrer).toBe(false);
  });

  it('flags a schema 1 manifest as an obsolete image and says so', () => {
    const c = classifyManifest(f.schema1Manifest, { contentType: 'application/vnd.docker.distribution.manifest.v1+prettyjws' });
    expect(c).toMatchObject({ kind: 'image', schema1: true, mediaType: 'application/vnd.docker.distribution.manifest.v1+prettyjws' });
    expect(c.reason).toContain('schema 1');
    expect(c.warnings.join(' ')).toMatch(/obsolete/);
  });

  it('flags schema 1 from schemaVersion alone when no content type is known', () => {
    const c = classifyManifest(f.schema1Manifest);
    expect(c.schema1).toBe(true);
    expect(c.reason).toContain('amd64');
  });
});

describe('classifyManifest: Helm, volumes and files', () => {
  it('reads what helm push writes as a Helm chart', () => {
    const c = classifyManifest(f.helmChart);
    expect(c).toMatchObject({ kind: 'helm-chart', mediaType: 'application/vnd.cncf.helm.config.v1+json', isReferrer: false });
  });

  it('reads an older Helm manifest without mediaType using the registry Content-Type', () => {
    const c = classifyManifest(f.helmChartLegacy, { contentType: 'application/vnd.oci.image.manifest.v1+json' });
    expect(c.kind).toBe('helm-chart');
    expect(c.manifestMediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  });

  it('ignores parameters on the Content-Type', () => {
    const c = classifyManifest(f.helmChartLegacy, { contentType: 'application/vnd.docker.distribution.manifest.v2+json; charset=utf-8' });
    expect(c.manifestMediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
  });

  it('infers an image manifest from its shape when neither mediaType nor Content-Type is known', () => {
    const c = classifyManifest(f.helmChartLegacy);
    expect(c.kind).toBe('helm-chart');
    expect(c.manifestMediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  });

  it('reads the announcement’s oras push (volume as config type) as a Docker volume', () => {
    const c = classifyManifest(f.orasVolumeByConfig);
    expect(c).toMatchObject({ kind: 'docker-volume', mediaType: 'application/vnd.docker.volume.v1+tar.gz' });
    expect(c.reason).toContain('config type');
  });

  it('reads a volume pushed with artifactType as a Docker volume', () => {
    const c = classifyManifest(f.volumeByArtifactType);
    expect(c).toMatchObject({ kind: 'docker-volume', artifactType: 'application/vnd.docker.volume.v1+tar.gz' });
    expect(c.reason).toContain('artifactType');
  });

  it('keeps a made-up volume config type as Other with that exact media type', () => {
    const c = classifyManifest(f.randomVolumeConfig);
    expect(c).toMatchObject({ kind: 'other', mediaType: 'application/vnd.random.volume.v1+tar.gz' });
  });

  it('reads a default oras push as Other, sub-kind ORAS, with the ORAS artifact type', () => {
    const c = classifyManifest(f.orasGeneric);
    expect(c).toMatchObject({ kind: 'other', subKind: 'oras', mediaType: 'application/vnd.unknown.artifact.v1' });
  });

  it('reads an oras push with an untyped config as Other (ORAS)', () => {
    const c = classifyManifest(f.orasUnknownConfig);
    expect(c).toMatchObject({ kind: 'other', subKind: 'oras', mediaType: 'application/vnd.unknown.config.v1+json' });
  });

  it('lets a specific layer type refine ORAS’s generic artifact type', () => {
    const sbomByOras = { ...f.orasGeneric, layers: f.spdxSbom.layers };
    const c = classifyManifest(sbomByOras);
    expect(c).toMatchObject({ kind: 'sbom', subKind: 'spdx', mediaType: 'application/spdx+json' });
  });

  it('shows an unknown artifactType as Other with that exact type', () => {
    const c = classifyManifest(f.unknownArtifactType);
    expect(c).toMatchObject({ kind: 'other', mediaType: 'application/vnd.example.thing.v1', artifactType: 'application/vnd.example.thing.v1' });
  });

  it('treats the empty config without artifactType as Other, even when a layer looks like an SBOM', () => {
    const c = classifyManifest(f.emptyConfigNoArtifactType);
    expect(c).toMatchObject({ kind: 'other', mediaType: 'application/vnd.oci.empty.v1+json' });
    expect(c.warnings.join(' ')).toMatch(/artifactType/);
  });
});

describe('classifyManifest: supply chain', () => {
  it('reads a cosign .sig manifest as a Cosign signature referring to the digest in its tag', () => {
    const c = classifyManifest(f.cosignSignature, { tag: f.cosignSignatureTag });
    expect(c).toMatchObject({
      kind: 'signature',
      subKind: 'cosign',
      mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
      isReferrer: true,
      referrerOf: f.d.signedImage,
    });
    expect(c.warnings).toEqual([]);
  });

  it('warns when a cosign .sig tag holds something that is not a signature', () => {
    const c = classifyManifest(f.ociImage, { tag: f.cosignSignatureTag });
    expect(c.kind).toBe('image');
    expect(c.isReferrer).toBe(true);
    expect(c.warnings.join(' ')).toMatch(/cosign signature tag/);
  });

  it('reads a cosign .att manifest as an attestation with its predicate type', () => {
    const c = classifyManifest(f.cosignAttestation, { tag: f.cosignSignatureTag.replace(/\.sig$/, '.att') });
    expect(c).toMatchObject({ kind: 'attestation', predicateType: 'https://slsa.dev/provenance/v0.2', isReferrer: true, referrerOf: f.d.signedImage });
  });

  it('reads a cosign attached SBOM as a CycloneDX SBOM', () => {
    const c = classifyManifest(f.cosignAttachedSbom, { tag: f.cosignSignatureTag.replace(/\.sig$/, '.sbom') });
    expect(c).toMatchObject({ kind: 'sbom', subKind: 'cyclonedx', isReferrer: true });
    expect(c.warnings).toEqual([]);
  });

  it('reads a Sigstore bundle signature as a Cosign signature with a subject', () => {
    const c = classifyManifest(f.cosignBundleSignature);
    expect(c).toMatchObject({ kind: 'signature', subKind: 'cosign', isReferrer: true, referrerOf: f.d.signedImage });
    expect(c.predicateType).toBeUndefined();
  });

  it('reads a Sigstore bundle holding a DSSE envelope as an attestation', () => {
    const c = classifyManifest(f.cosignBundleAttestation);
    expect(c).toMatchObject({ kind: 'attestation', subKind: 'cosign', predicateType: 'https://slsa.dev/provenance/v1' });
  });

  it('reads a Notation signature with its subject', () => {
    const c = classifyManifest(f.notationSignature);
    expect(c).toMatchObject({
      kind: 'signature',
      subKind: 'notation',
      mediaType: 'application/vnd.cncf.notary.signature',
      isReferrer: true,
      subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: f.d.signedImage, size: 1058 },
    });
  });

  it('reads an SPDX SBOM attached with subject', () => {
    const c = classifyManifest(f.spdxSbom);
    expect(c).toMatchObject({ kind: 'sbom', subKind: 'spdx', mediaType: 'application/spdx+json', isReferrer: true, referrerOf: f.d.signedImage });
  });

  it('takes the artifactType from the referrers descriptor when the manifest has none', () => {
    const withoutType = { ...f.notationSignature, artifactType: undefined };
    const c = classifyManifest(JSON.parse(JSON.stringify(withoutType)), { descriptor: { artifactType: 'application/vnd.cncf.notary.signature' } });
    expect(c.kind).toBe('signature');
  });
});

describe('classifyManifest: runtimes and policies', () => {
  it.each([
    ['CNCF Wasm', f.cncfWasm, 'wasm', 'cncf-wasm'],
    ['wasm-to-oci', f.wasmToOci, 'wasm', 'wasm-to-oci'],
    ['Spin app', f.spinApp, 'wasm', 'spin'],
    ['conftest policy', f.opaPolicy, 'opa', undefined],
    ['OPA bundle tarball', f.opaBundle, 'opa', undefined],
    ['Kyverno policy', f.kyvernoPolicy, 'kyverno', undefined],
    ['Falco rules', f.falcoRules, 'falco', 'falco-rulesfile'],
    ['Flux artifact', f.fluxArtifact, 'flux', undefined],
    ['SIF image', f.sifImage, 'singularity', undefined],
  ] as const)('reads a %s', (_name, manifest, kind, subKind) => {
    const c = classifyManifest(manifest);
    expect(c.kind).toBe(kind);
    expect(c.subKind).toBe(subKind);
    expect(c.isReferrer).toBe(false);
  });

  it('names the OPA bundle layer as what decided it (the config is a generic image config)', () => {
    expect(classifyManifest(f.opaBundle).mediaType).toBe('application/vnd.cncf.openpolicyagent.layer.v1.tar+gzip');
  });
});

describe('classifyManifest: bad input', () => {
  it('reports a malformed manifest as unreadable with the reason', () => {
    const c = classifyManifest(f.malformedManifest);
    expect(c.kind).toBe('unreadable');
    expect(c.reason).toBe('The manifest is malformed: config has no valid digest.');
  });

  it('reports a bad layer digest as unreadable', () => {
    const c = classifyManifest({ ...f.ociImage, layers: f.malformedManifest.layers });
    expect(c.kind).toBe('unreadable');
    expect(c.reason).toContain('layers[0] has no valid digest');
  });

  it.each([
    ['null', null, 'not a JSON object'],
    ['an array', [f.ociImage], 'not a JSON object'],
    ['a number', 42, 'not a JSON object'],
    ['broken JSON text', '{"schemaVersion":2,', 'not valid JSON'],
    ['invalid UTF-8 bytes', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'not valid UTF-8'],
    ['an object with neither config nor manifests', { schemaVersion: 2 }, 'neither an image manifest nor an index'],
  ])('reports %s as unreadable', (_name, input, reason) => {
    const c = classifyManifest(input);
    expect(c.kind).toBe('unreadable');
    expect(c.reason).toContain(reason);
  });

  it('accepts the manifest as JSON text or bytes, as a registry sends it', () => {
    const text = JSON.stringify(f.helmChart);
    expect(classifyManifest(text).kind).toBe('helm-chart');
    expect(classifyManifest(new TextEncoder().encode(text)).kind).toBe('helm-chart');
  });

  it('refuses a body beyond the manifest size limit without parsing it', () => {
    const huge = `{"schemaVersion":2,"pad":"${'x'.repeat(limits.manifestBytes)}"}`;
    const c = classifyManifest(huge);
    expect(c.kind).toBe('unreadable');
    expect(c.reason).toMatch(/larger than 4 MiB/);
  });

  it('examines only the first layers of an absurdly long list, and says so', () => {
    const layer = f.ociImage.layers[0];
    const many = { ...f.ociImage, layers: Array.from({ length: limits.descriptors + 500 }, () => layer) };
    const c = classifyManifest(many);
    expect(c.kind).toBe('image');
    expect(c.warnings).toContain(`Only the first ${limits.descriptors} of ${limits.descriptors + 500} layers were examined.`);
  });

  it('ignores an over-long or non-text artifactType instead of showing it', () => {
    const c = classifyManifest({ ...f.helmChart, artifactType: `application/${'x'.repeat(300)}` });
    expect(c.kind).toBe('helm-chart');
    expect(c.warnings.join(' ')).toMatch(/artifactType is not a media type/);
  });

  it('refuses a manifest whose mediaType carries markup', () => {
    const c = classifyManifest({ ...f.ociImage, mediaType: '<img src=x onerror=alert(1)>' });
    expect(c.kind).toBe('unreadable');
    expect(c.mediaType).toBe('unknown');
  });

  it('treats __proto__ annotations as data, not as a prototype', () => {
    const text = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"' +
      f.d.imageConfig + '","size":1},"layers":[],"annotations":{"__proto__":{"polluted":"yes"},"constructor":"x"}}';
    const c = classifyManifest(text);
    expect(c.kind).toBe('image');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(c.warnings.join(' ')).toMatch(/1 annotation\(s\) were ignored/);
  });

  it('warns when the Content-Type and the manifest disagree', () => {
    const c = classifyManifest(f.ociImage, { contentType: 'application/vnd.docker.distribution.manifest.v2+json' });
    expect(c.kind).toBe('image');
    expect(c.warnings.join(' ')).toMatch(/served this manifest as/);
  });

  it('ignores a malformed subject and says why', () => {
    const c = classifyManifest({ ...f.spdxSbom, subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:abc', size: 1 } });
    expect(c.kind).toBe('sbom');
    expect(c.isReferrer).toBe(false);
    expect(c.warnings.join(' ')).toMatch(/subject was ignored/);
  });

  it('shows an unknown manifest media type as Other', () => {
    const c = classifyManifest({ schemaVersion: 2, mediaType: 'application/vnd.oci.artifact.manifest.v1+json', artifactType: 'application/x', blobs: [] });
    expect(c).toMatchObject({ kind: 'other', mediaType: 'application/vnd.oci.artifact.manifest.v1+json' });
  });

  it('drops an index entry platform without os/architecture and keeps the entry apart', () => {
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: f.d.amd64Manifest, size: 1, platform: { os: 7 } }],
    };
    const c = classifyManifest(index);
    expect(c.kind).toBe('image-index');
    expect(c.platforms).toEqual([]);
    expect(c.otherManifests).toHaveLength(1);
    expect(c.warnings.join(' ')).toMatch(/platform has no valid os/);
  });

  it('reads an index of non-image artifacts as Other', () => {
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: f.d.helmChart, size: 1, artifactType: 'application/vnd.cncf.notary.signature' }],
    };
    const c = classifyManifest(index);
    expect(c).toMatchObject({ kind: 'other', mediaType: 'application/vnd.oci.image.index.v1+json' });
  });

  it('reads an index with a known artifactType as that kind', () => {
    const index = { ...f.buildxIndex, artifactType: 'application/vnd.cncf.helm.config.v1+json' };
    expect(classifyManifest(index).kind).toBe('helm-chart');
  });

  it('reports an index whose entries are malformed as unreadable', () => {
    const c = classifyManifest({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ digest: f.d.amd64Manifest }] });
    expect(c.kind).toBe('unreadable');
    expect(c.reason).toContain('manifests[0] has no valid mediaType');
  });
});

describe('classifyManifest: the same answer from JSON text', () => {
  const all = Object.entries(f).filter(([, v]) => typeof v === 'object' && v !== null && 'schemaVersion' in v);
  it.each(all)('gives the same result for %s as an object and as JSON bytes', (_name, manifest) => {
    expect(classifyManifest(new TextEncoder().encode(JSON.stringify(manifest)))).toEqual(classifyManifest(manifest));
  });
});

describe('classifyManifest: an index with a subject', () => {
  it('is a referrer of its subject', () => {
    const c = classifyManifest({ ...f.buildxIndex, subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: f.d.signedImage, size: 10 } });
    expect(c).toMatchObject({ kind: 'image-index', isReferrer: true, referrerOf: f.d.signedImage });
  });
});
