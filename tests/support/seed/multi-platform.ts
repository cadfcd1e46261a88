import { Bundle, utf8 } from './content';
import { goJson, orderDescriptor, type Descriptor, type Platform } from './go-json';
import { buildOciImage, type ImageSpec } from './image';
import { ANNOTATION, MT } from './media-types';
import { packIndex } from './pack';
import type { SeededFacts } from './types';

const PREDICATES = ['https://spdx.dev/Document', 'https://slsa.dev/provenance/v0.2'] as const;

export interface BuiltIndex {
  bundle: Bundle;
  index: Descriptor;
  platformManifests: { platform: Platform; manifest: Descriptor }[];
  attestationManifests: { manifest: Descriptor; describes: string }[];
  facts: SeededFacts;
}

function inTotoStatement(predicateType: string, subjectName: string, subjectDigest: string): string {
  const predicate =
    predicateType === PREDICATES[0]
      ? { spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'sbom', packages: [{ name: 'busybox', versionInfo: '1.36.1' }] }
      : { builder: { id: '' }, buildType: 'https://mobyproject.org/buildkit@v1', metadata: { reproducible: false } };
  return goJson({
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType,
    subject: [{ name: subjectName, digest: { sha256: subjectDigest.slice('sha256:'.length) } }],
    predicate,
  });
}

/** The attestation manifest buildx writes next to each platform manifest. */
function attestationFor(bundle: Bundle, subjectName: string, platformManifest: Descriptor): Descriptor {
  const layers = PREDICATES.map((predicateType) =>
    bundle.addBlob(MT.inToto, utf8(inTotoStatement(predicateType, subjectName, platformManifest.digest)), {
      annotations: { [ANNOTATION.inTotoPredicateType]: predicateType },
    }),
  );
  const config = bundle.addBlob(
    MT.ociConfig,
    utf8(goJson({ architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) } })),
  );
  const body = { schemaVersion: 2, mediaType: MT.ociManifest, config: orderDescriptor(config), layers: layers.map(orderDescriptor) };
  return bundle.addManifest(MT.ociManifest, utf8(goJson(body)));
}

/**
 * A multi-platform image as `docker buildx build --platform linux/amd64,linux/arm64 --push`
 * writes it: one manifest per platform, then one attestation manifest per platform with
 * platform unknown/unknown and the vnd.docker.reference.* annotations.
 */
export function buildMultiPlatformIndex(subjectName: string, base: Omit<ImageSpec, 'platform'>, platforms: Platform[]): BuiltIndex {
  const bundle = new Bundle();
  const platformManifests = platforms.map((platform) => {
    const files = [...base.files, { path: 'etc/platform', content: `${platform.os}/${platform.architecture}\n` }];
    const built = buildOciImage({ ...base, files, platform }, bundle);
    return { platform, manifest: built.manifest };
  });
  const attestationManifests = platformManifests.map(({ manifest }) => ({
    manifest: attestationFor(bundle, subjectName, manifest),
    describes: manifest.digest,
  }));
  const entries: Descriptor[] = [
    ...platformManifests.map(({ platform, manifest }) => ({ ...manifest, platform })),
    ...attestationManifests.map(({ manifest, describes }) => ({
      ...manifest,
      annotations: { [ANNOTATION.dockerReferenceDigest]: describes, [ANNOTATION.dockerReferenceType]: 'attestation-manifest' },
      platform: { architecture: 'unknown', os: 'unknown' },
    })),
  ];
  const index = packIndex(bundle, entries);
  const attestations: Record<string, string> = {};
  for (const a of attestationManifests) attestations[a.describes] = a.manifest.digest;
  return {
    bundle,
    index,
    platformManifests,
    attestationManifests,
    facts: {
      platforms: platforms.map((p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/')),
      attestations,
      predicateTypes: [...PREDICATES],
      entrypoint: base.entrypoint,
      cmd: base.cmd,
      exposedPorts: base.exposedPorts,
    },
  };
}
