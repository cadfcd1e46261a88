import { Bundle, sha256Digest, utf8 } from './content';
import { goJson, type Annotations, type Descriptor } from './go-json';
import { ANNOTATION, MT } from './media-types';
import { packManifest, type PackOptions } from './pack';
import { gzip, tar } from './tar';
import type { SeededFacts, SeededKind } from './types';

/** One built artifact: its content, its manifest and what a test may assert about it. */
export interface BuiltArtifact {
  bundle: Bundle;
  manifest: Descriptor;
  kind: SeededKind;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Annotations;
  subject?: Descriptor;
  facts: SeededFacts;
}

interface FileSpec {
  name: string;
  mediaType: string;
  content: Uint8Array | string;
  annotations?: Annotations;
}

interface OrasPushSpec {
  kind: SeededKind;
  artifactType?: string;
  /** `--config file:mediaType`; without it, the empty config. */
  config?: { mediaType: string; content: string };
  files: FileSpec[];
  subject?: Descriptor;
  created: string;
  annotations?: Annotations;
  facts?: SeededFacts;
}

/**
 * What `oras push` / `oras attach` (oras 1.x, oras-go PackManifestVersion1_1) writes: one layer per
 * file with its title, the created annotation on the manifest, the empty config unless given.
 */
export function orasPush(spec: OrasPushSpec): BuiltArtifact {
  const bundle = new Bundle();
  const layers = spec.files.map((f) =>
    bundle.addBlob(f.mediaType, typeof f.content === 'string' ? utf8(f.content) : f.content, {
      annotations: { ...f.annotations, [ANNOTATION.title]: f.name },
    }),
  );
  const config = spec.config ? bundle.addBlob(spec.config.mediaType, utf8(spec.config.content)) : undefined;
  const annotations = { ...spec.annotations, [ANNOTATION.created]: spec.created };
  const opts: PackOptions = { artifactType: spec.artifactType, config, layers, subject: spec.subject, annotations };
  const manifest = packManifest(bundle, opts);
  return {
    bundle,
    manifest,
    kind: spec.kind,
    artifactType: spec.artifactType,
    config: config ?? { mediaType: MT.empty, digest: sha256Digest(utf8('{}')), size: 2 },
    layers,
    annotations,
    subject: spec.subject,
    facts: { files: spec.files.map((f) => f.name), ...spec.facts },
  };
}

/** The Docker blog's volume: `oras push … --config config.json:application/vnd.docker.volume.v1+tar.gz foo.txt:text/plain`. */
export function announcementVolume(created: string, configMediaType: string = MT.dockerVolume): BuiltArtifact {
  const other = configMediaType !== MT.dockerVolume;
  return orasPush({
    kind: other ? 'other' : 'docker-volume',
    config: { mediaType: configMediaType, content: '{"name":"foo","value":"bar"}' },
    files: [{ name: 'foo.txt', mediaType: MT.textPlain, content: 'bar\n' }],
    created,
    facts: other ? { shownMediaType: configMediaType } : {},
  });
}

/** A volume with artifactType and the empty config, as Docker's current docs describe. */
export function artifactTypeVolume(created: string): BuiltArtifact {
  const archive = gzip(tar([{ path: 'data/' }, { path: 'data/hello.txt', content: 'hello from a volume\n' }, { path: 'data/config.ini', content: '[app]\nmode=demo\n' }]));
  return orasPush({
    kind: 'docker-volume',
    artifactType: MT.dockerVolume,
    files: [{ name: 'volume.tar.gz', mediaType: MT.ociLayerTarGzip, content: archive }],
    created,
  });
}

/** The smallest useful valid module: one exported `_start` that does nothing. */
export const TINY_WASM = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x07, 0x0a, 0x01, 0x06, 0x5f, 0x73, 0x74, 0x61, 0x72, 0x74, 0x00, 0x00, // export "_start" = func 0
  0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b, // code section: empty body
]);

/** A Wasm module per the CNCF TAG Runtime layout: wasm config v0, one application/wasm layer. */
export function wasmModule(created: string): BuiltArtifact {
  const bundle = new Bundle();
  const layer = bundle.addBlob(MT.wasmLayer, TINY_WASM, { annotations: { [ANNOTATION.title]: 'hello.wasm' } });
  const config = bundle.addBlob(
    MT.wasmConfig,
    utf8(goJson({ created, author: 'Stevedore seed', architecture: 'wasm', os: 'wasip1', layerDigests: [layer.digest] })),
  );
  const annotations = { [ANNOTATION.created]: created };
  const manifest = packManifest(bundle, { config, layers: [layer], annotations });
  return { bundle, manifest, kind: 'wasm', config, layers: [layer], annotations, facts: { files: ['hello.wasm'], wasm: { os: 'wasip1', architecture: 'wasm' } } };
}

export const SBOM_PACKAGES = ['busybox', 'musl', 'openssl', 'zlib'] as const;

/** `oras attach --artifact-type application/spdx+json <image> sbom.spdx.json:application/spdx+json`. */
export function spdxSbom(subject: Descriptor, created: string): BuiltArtifact {
  const document = goJson({
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'demo',
    documentNamespace: 'https://example.com/spdx/demo',
    creationInfo: { created, creators: ['Tool: stevedore-seed'] },
    packages: SBOM_PACKAGES.map((name, i) => ({
      name,
      SPDXID: `SPDXRef-Package-${name}`,
      versionInfo: `1.${i}.0`,
      downloadLocation: 'NOASSERTION',
      licenseConcluded: 'NOASSERTION',
    })),
  });
  return orasPush({
    kind: 'sbom',
    artifactType: MT.spdx,
    files: [{ name: 'sbom.spdx.json', mediaType: MT.spdx, content: document }],
    subject,
    created,
    facts: { sbom: { format: 'spdx', packages: [...SBOM_PACKAGES] } },
  });
}

/** A Notation signature: JWS envelope layer, empty config, subject, signing annotations. */
export function notationSignature(subject: Descriptor, created: string): BuiltArtifact {
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  const payload = b64(goJson({ targetArtifact: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size } }));
  const envelope = goJson({
    payload,
    protected: b64(goJson({ alg: 'PS256', cty: 'application/vnd.cncf.notary.payload.v1+json', 'io.cncf.notary.signingScheme': 'notary.x509' })),
    header: { x5c: [b64('seeded certificate, not a real one')], 'io.cncf.notary.signingAgent': 'notation-go/1.1.0' },
    signature: b64('seeded signature, not a real one'),
  });
  const thumbprint = sha256Digest(utf8('seeded certificate')).slice('sha256:'.length);
  return notationWithEnvelope(subject, created, envelope, thumbprint);
}

function notationWithEnvelope(subject: Descriptor, created: string, envelope: string, thumbprint: string): BuiltArtifact {
  const bundle = new Bundle();
  const layer = bundle.addBlob(MT.jose, utf8(envelope));
  const annotations = { 'io.cncf.notary.x509chain.thumbprint#S256': JSON.stringify([thumbprint]), [ANNOTATION.created]: created };
  const manifest = packManifest(bundle, { artifactType: MT.notarySignature, layers: [layer], subject, annotations });
  return {
    bundle,
    manifest,
    kind: 'signature',
    artifactType: MT.notarySignature,
    config: { mediaType: MT.empty, digest: sha256Digest(utf8('{}')), size: 2 },
    layers: [layer],
    annotations,
    subject,
    facts: { signer: 'notation-go/1.1.0' },
  };
}
