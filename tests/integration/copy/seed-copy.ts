import { spdxSbom, type BuiltArtifact } from '../../support/seed/artifacts';
import { cosignSignature, cosignSignatureTag } from '../../support/seed/cosign';
import type { Bundle } from '../../support/seed/content';
import type { Descriptor } from '../../support/seed/go-json';
import { buildMultiPlatformIndex, type BuiltIndex } from '../../support/seed/multi-platform';
import { pushBundle } from '../../support/seed/push';
import { referrersIndex, referrersTag } from '../../support/seed/referrers-index';
import { SeedHttp } from '../../support/seed/registry-http';

export interface SeededSource {
  index: BuiltIndex;
  sbom: BuiltArtifact;
  cosign: BuiltArtifact;
  /** Every manifest digest the copy must carry (index, platforms, attestations, SBOM, signature). */
  manifestDigests: string[];
  /** Every blob digest (configs, layers) of all of them. */
  blobDigests: string[];
}

const CREATED = '2026-01-02T03:04:05Z';

/**
 * A two-platform image index as buildx pushes it (platforms + attestation manifests), an SPDX SBOM
 * attached by `subject` with the tag-schema index Distribution 2.8 needs, and a cosign signature
 * under `sha256-<hex>.sig`: everything a copy with referrers must carry, digest for digest.
 */
export async function seedIndexWithReferrers(host: string, repository: string, tag: string, layerText = 'app'): Promise<SeededSource> {
  const http = new SeedHttp(host);
  try {
    const target = { host, http };
    const index = buildMultiPlatformIndex(`pkg:docker/${repository}@${tag}`, {
      created: CREATED,
      files: [{ path: 'app/' }, { path: 'app/hello.txt', content: `hello from ${layerText}\n` }],
      entrypoint: ['/app/hello'],
      cmd: [],
      env: [],
      exposedPorts: [],
      labels: {},
    }, [
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'arm64', os: 'linux', variant: 'v8' },
    ]);
    await pushBundle(target, index.bundle, repository, tag, 'http');
    const subject: Descriptor = { mediaType: index.index.mediaType, digest: index.index.digest, size: index.index.size };
    const sbom = spdxSbom(subject, CREATED);
    await pushBundle(target, sbom.bundle, repository, undefined, 'http');
    const fallback = referrersIndex([sbom]);
    await pushBundle(target, fallback.bundle, repository, referrersTag(subject.digest), 'http');
    const cosign = cosignSignature(subject, `${host}/${repository}`);
    await pushBundle(target, cosign.bundle, repository, cosignSignatureTag(subject.digest), 'http');
    const bundles = [index.bundle, sbom.bundle, cosign.bundle];
    return {
      index,
      sbom,
      cosign,
      manifestDigests: bundles.flatMap(manifestsOf),
      blobDigests: [...new Set(bundles.flatMap((b) => [...b.blobs.values()].map((blob) => blob.digest)))],
    };
  } finally {
    await http.close();
  }
}

function manifestsOf(bundle: Bundle): string[] {
  return bundle.manifests.map((m) => m.descriptor.digest);
}
