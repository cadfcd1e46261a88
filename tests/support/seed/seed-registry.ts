import { announcementVolume, artifactTypeVolume, notationSignature, spdxSbom, wasmModule, type BuiltArtifact } from './artifacts';
import type { Bundle } from './content';
import { cosignSignature, cosignSignatureTag } from './cosign';
import type { Descriptor } from './go-json';
import { buildHelmChart } from './helm';
import { buildDockerImage, buildOciImage, type BuiltImage, type ImageSpec } from './image';
import { ANNOTATION, MT } from './media-types';
import { buildMultiPlatformIndex } from './multi-platform';
import { acmeWidget, falcoRules, fluxArtifact, kyvernoPolicy, opaBundle, orasDirectory, singularityImage } from './policies';
import { pushBundle, type PushRoute, type PushTarget } from './push';
import { referrersIndex, referrersTag } from './referrers-index';
import { SeedHttp } from './registry-http';
import type { SeededArtifact, SeededCatalog, SeededKind, SeededReferrersIndex } from './types';

export interface SeedOptions {
  /** RFC 3339 time written in every created annotation and config; fixed by default so digests repeat. */
  created?: string;
  signal?: AbortSignal;
}

const DEFAULT_CREATED = '2024-05-01T12:00:00Z';

export const SEED_REPOSITORIES = {
  image: 'demo',
  dockerImage: 'apps/legacy',
  multiPlatform: 'apps/web',
  chart: 'charts/demo',
  wasm: 'wasm/hello',
  volume: 'volumes/foo',
  volumeArtifactType: 'volumes/data',
  randomVolume: 'volumes/random',
  opa: 'policies/opa',
  kyverno: 'policies/kyverno',
  falco: 'policies/falco',
  flux: 'flux/manifests',
  sif: 'sif/lolcow',
  orasDirectory: 'oras/site',
  widget: 'acme/widget',
} as const;

function imageSpec(created: string): Omit<ImageSpec, 'platform'> {
  return {
    created,
    files: [
      { path: 'app/' },
      { path: 'app/hello.txt', content: 'hello from the seeded image\n' },
      { path: 'app/run.sh', content: '#!/bin/sh\necho "$GREETING"\n', mode: 0o755 },
      { path: 'etc/motd', content: 'Seeded by Stevedore tests.\n' },
    ],
    entrypoint: ['/app/run.sh'],
    cmd: ['--serve'],
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GREETING=hello'],
    exposedPorts: ['8080/tcp', '9090/tcp'],
    labels: { 'org.opencontainers.image.source': 'https://github.com/example/demo', maintainer: 'seed@example.com' },
    workingDir: '/app',
  };
}

function layersOf(descriptors: Descriptor[]): SeededArtifact['layers'] {
  return descriptors.map((d) => ({ mediaType: d.mediaType, digest: d.digest, size: d.size, title: d.annotations?.[ANNOTATION.title], annotations: d.annotations }));
}

class CatalogBuilder {
  readonly artifacts: SeededArtifact[] = [];
  readonly referrersIndexes: SeededReferrersIndex[] = [];
  readonly tags: Record<string, string[]> = {};

  constructor(private readonly target: PushTarget) {}

  private noteTag(repo: string, tag: string | undefined): void {
    const list = (this.tags[repo] ??= []);
    if (tag && !list.includes(tag)) list.push(tag);
  }

  async push(bundle: Bundle, repo: string, tag: string | undefined, route: PushRoute): Promise<void> {
    await pushBundle(this.target, bundle, repo, tag, route);
    this.noteTag(repo, tag);
  }

  async pushArtifact(name: string, built: BuiltArtifact, repo: string, tag: string | undefined, route: PushRoute = 'http'): Promise<SeededArtifact> {
    await this.push(built.bundle, repo, tag, route);
    const entry: SeededArtifact = {
      name,
      repository: repo,
      tag,
      digest: built.manifest.digest,
      size: built.manifest.size,
      mediaType: built.manifest.mediaType,
      artifactType: built.artifactType,
      configMediaType: built.config.mediaType,
      kind: built.kind,
      subject: built.subject?.digest,
      layers: layersOf(built.layers),
      annotations: built.annotations,
      facts: built.facts,
      pushedWith: route,
    };
    this.artifacts.push(entry);
    return entry;
  }

  record(entry: SeededArtifact): void {
    this.artifacts.push(entry);
  }

  finish(host: string): SeededCatalog {
    const artifacts = this.artifacts;
    return {
      host,
      artifacts,
      referrersIndexes: this.referrersIndexes,
      tags: this.tags,
      skipped: [
        {
          what: 'Docker schema1 manifest (application/vnd.docker.distribution.manifest.v1+prettyjws)',
          why: 'Distribution 2.8 rejects schema1 manifest PUTs unless compatibility.schema1.enabled is set, and a schema1 manifest must be JWS-signed with a libtrust key; test schema1 detection from unit fixtures instead.',
        },
      ],
      get(name: string): SeededArtifact {
        const found = artifacts.find((a) => a.name === name);
        if (!found) throw new Error(`no seeded artifact named "${name}"; known: ${artifacts.map((a) => a.name).join(', ')}`);
        return found;
      },
      ofKind(kind: SeededKind): SeededArtifact[] {
        return artifacts.filter((a) => a.kind === kind);
      },
    };
  }
}

function imageEntry(name: string, built: BuiltImage, repo: string, tag: string, kind: SeededKind = 'image'): SeededArtifact {
  return {
    name,
    repository: repo,
    tag,
    digest: built.manifest.digest,
    size: built.manifest.size,
    mediaType: built.manifest.mediaType,
    configMediaType: built.config.mediaType,
    kind,
    layers: layersOf([built.layer]),
    facts: built.facts,
    pushedWith: 'skopeo',
  };
}

/**
 * Seeds a real registry with every artifact kind, each in the layout its own tool writes, and
 * describes what it pushed so tests can assert without hard-coding digests. Images, the
 * multi-platform index, charts and Wasm go through skopeo from OCI layouts; the artifacts oras,
 * cosign and notation write (subjects, referrers indexes) go over plain HTTP.
 */
export async function seedRegistry(registry: { host: string }, options: SeedOptions = {}): Promise<SeededCatalog> {
  const created = options.created ?? DEFAULT_CREATED;
  const http = new SeedHttp(registry.host);
  const target: PushTarget = { host: registry.host, http, signal: options.signal };
  const catalog = new CatalogBuilder(target);
  const R = SEED_REPOSITORIES;
  try {
    // Single-platform OCI image, with an SBOM, a Notation signature and a cosign signature on it.
    const image = buildOciImage({ ...imageSpec(created), platform: { architecture: 'amd64', os: 'linux' } });
    await catalog.push(image.bundle, R.image, '1.0', 'skopeo');
    catalog.record(imageEntry('image-oci', image, R.image, '1.0'));
    const subject: Descriptor = { mediaType: image.manifest.mediaType, digest: image.manifest.digest, size: image.manifest.size };
    const sbom = spdxSbom(subject, created);
    await catalog.pushArtifact('sbom-spdx', sbom, R.image, undefined);
    const notation = notationSignature(subject, created);
    await catalog.pushArtifact('signature-notation', notation, R.image, undefined);
    const fallback = referrersIndex([sbom, notation]);
    const fallbackTag = referrersTag(subject.digest);
    await catalog.push(fallback.bundle, R.image, fallbackTag, 'http');
    catalog.referrersIndexes.push({
      repository: R.image,
      tag: fallbackTag,
      digest: fallback.index.digest,
      subject: subject.digest,
      referrers: [sbom.manifest.digest, notation.manifest.digest],
    });
    const cosign = cosignSignature(subject, `${registry.host}/${R.image}`);
    const cosignEntry = await catalog.pushArtifact('signature-cosign', cosign, R.image, cosignSignatureTag(subject.digest));
    cosignEntry.subject = subject.digest;
    cosignEntry.note = 'cosign links the signature by tag name only: there is no subject field in the manifest';

    const docker = buildDockerImage({ ...imageSpec(created), platform: { architecture: 'amd64', os: 'linux' } });
    await catalog.push(docker.bundle, R.dockerImage, 'v1', 'skopeo');
    catalog.record(imageEntry('image-docker', docker, R.dockerImage, 'v1'));

    const multi = buildMultiPlatformIndex(`pkg:docker/${R.multiPlatform}@2.0`, imageSpec(created), [
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'arm64', os: 'linux', variant: 'v8' },
    ]);
    await catalog.push(multi.bundle, R.multiPlatform, '2.0', 'skopeo');
    catalog.record({
      name: 'image-multi-platform',
      repository: R.multiPlatform,
      tag: '2.0',
      digest: multi.index.digest,
      size: multi.index.size,
      mediaType: MT.ociIndex,
      kind: 'image',
      layers: [],
      facts: multi.facts,
      pushedWith: 'skopeo',
    });
    multi.attestationManifests.forEach(({ manifest, describes }, i) => {
      catalog.record({
        name: `attestation-buildx-${i}`,
        repository: R.multiPlatform,
        digest: manifest.digest,
        size: manifest.size,
        mediaType: manifest.mediaType,
        configMediaType: MT.ociConfig,
        kind: 'attestation',
        subject: describes,
        layers: [],
        facts: { predicateTypes: multi.facts.predicateTypes ?? [] },
        pushedWith: 'skopeo',
        note: 'inside the index with platform unknown/unknown and vnd.docker.reference.* annotations; no tag of its own',
      });
    });

    for (const [name, spec] of [
      ['helm-chart', { name: 'demo', version: '0.1.0', appVersion: '1.25.0', description: 'A demo chart for Stevedore', created }],
      ['helm-chart-prov', { name: 'demo', version: '0.2.0+build.1', appVersion: '1.26.0', description: 'A demo chart for Stevedore', created, withProvenance: true }],
    ] as const) {
      const chart = buildHelmChart(spec);
      await catalog.push(chart.bundle, R.chart, chart.tag, 'skopeo');
      catalog.record({
        name,
        repository: R.chart,
        tag: chart.tag,
        digest: chart.manifest.digest,
        size: chart.manifest.size,
        mediaType: MT.ociManifest,
        configMediaType: MT.helmConfig,
        kind: 'helm-chart',
        layers: layersOf(chart.provLayer ? [chart.chartLayer, chart.provLayer] : [chart.chartLayer]),
        facts: chart.facts,
        pushedWith: 'skopeo',
        note: 'helm writes no top-level mediaType in the manifest body',
      });
    }

    await catalog.pushArtifact('wasm-module', wasmModule(created), R.wasm, '1.0', 'skopeo');
    await catalog.pushArtifact('volume-announcement', announcementVolume(created), R.volume, 'latest');
    await catalog.pushArtifact('volume-artifact-type', artifactTypeVolume(created), R.volumeArtifactType, 'latest');
    await catalog.pushArtifact('other-random-volume', announcementVolume(created, MT.randomVolume), R.randomVolume, 'latest');
    await catalog.pushArtifact('opa-bundle', opaBundle(created), R.opa, '1.0');
    await catalog.pushArtifact('kyverno-policy', kyvernoPolicy(created), R.kyverno, '1.0');
    await catalog.pushArtifact('falco-rules', falcoRules(created), R.falco, '1.0');
    await catalog.pushArtifact('flux-artifact', fluxArtifact(created), R.flux, 'latest');
    await catalog.pushArtifact('singularity-sif', singularityImage(created), R.sif, 'latest');
    await catalog.pushArtifact('oras-directory', orasDirectory(created), R.orasDirectory, 'v1');
    await catalog.pushArtifact('other-acme-widget', acmeWidget(created), R.widget, 'v1');
    return catalog.finish(registry.host);
  } finally {
    await http.close();
  }
}
