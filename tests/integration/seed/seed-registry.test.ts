import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { sha256Digest } from '../../support/seed/content';
import { MT } from '../../support/seed/media-types';
import { SeedHttp } from '../../support/seed/registry-http';
import { seedRegistry } from '../../support/seed/seed-registry';
import { skopeoInspectRaw, skopeoPull } from '../../support/seed/skopeo';
import type { SeededCatalog } from '../../support/seed/types';

interface ManifestBody {
  mediaType?: string;
  artifactType?: string;
  config?: { mediaType: string; digest: string };
  layers?: { mediaType: string; annotations?: Record<string, string> }[];
  manifests?: { digest: string; platform?: { os: string; architecture: string }; annotations?: Record<string, string>; artifactType?: string }[];
  subject?: { digest: string };
  annotations?: Record<string, string>;
}

let registry: TestRegistry;
let catalog: SeededCatalog;
let http: SeedHttp;

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  http = new SeedHttp(registry.host);
  catalog = await seedRegistry(registry);
}, 120_000);

afterAll(async () => {
  await http?.close();
  await registry?.stop();
});

async function fetchJson(repo: string, reference: string): Promise<{ body: ManifestBody; digest: string; mediaType: string; bytes: Uint8Array }> {
  const got = await http.getManifest(repo, reference);
  return { body: JSON.parse(Buffer.from(got.bytes).toString('utf8')) as ManifestBody, digest: got.digest, mediaType: got.mediaType, bytes: got.bytes };
}

describe('seedRegistry against a real docker-registry', () => {
  it('stores every seeded manifest byte-identical under its digest, as skopeo inspect --raw and plain HTTP both see it', async () => {
    expect(catalog.artifacts.length).toBeGreaterThanOrEqual(20);
    for (const artifact of catalog.artifacts) {
      const reference = artifact.tag ?? artifact.digest;
      const raw = await skopeoInspectRaw(registry.host, artifact.repository, reference);
      expect(sha256Digest(Buffer.from(raw, 'utf8')), `${artifact.name} via skopeo`).toBe(artifact.digest);
      const viaHttp = await http.getManifest(artifact.repository, reference);
      expect(viaHttp.digest, `${artifact.name} via HTTP`).toBe(artifact.digest);
      expect(viaHttp.mediaType, `${artifact.name} Content-Type`).toBe(artifact.mediaType);
      expect(viaHttp.bytes.byteLength).toBe(artifact.size);
    }
  });

  it('writes the media types each tool writes, kind by kind', async () => {
    const expectations: [string, { config?: string; artifactType?: string; layer?: string; mediaTypeInBody?: string | undefined }][] = [
      ['image-oci', { config: MT.ociConfig, layer: MT.ociLayerTarGzip, mediaTypeInBody: MT.ociManifest }],
      ['image-docker', { config: MT.dockerConfig, layer: MT.dockerLayer, mediaTypeInBody: MT.dockerManifest }],
      ['helm-chart', { config: MT.helmConfig, layer: MT.helmChart, mediaTypeInBody: undefined }],
      ['wasm-module', { config: MT.wasmConfig, layer: MT.wasmLayer, mediaTypeInBody: MT.ociManifest }],
      ['volume-announcement', { config: MT.dockerVolume, layer: MT.textPlain, mediaTypeInBody: MT.ociManifest }],
      ['volume-artifact-type', { config: MT.empty, artifactType: MT.dockerVolume }],
      ['other-random-volume', { config: MT.randomVolume, layer: MT.textPlain }],
      ['sbom-spdx', { config: MT.empty, artifactType: MT.spdx, layer: MT.spdx }],
      ['signature-notation', { config: MT.empty, artifactType: MT.notarySignature, layer: MT.jose }],
      ['signature-cosign', { config: MT.ociConfig, layer: MT.cosignSimpleSigning }],
      ['opa-bundle', { config: MT.opaConfig, layer: MT.opaRego }],
      ['kyverno-policy', { config: MT.kyvernoConfig, layer: MT.kyvernoPolicy }],
      ['falco-rules', { config: MT.falcoRulesConfig, layer: MT.falcoRulesLayer }],
      ['flux-artifact', { config: MT.fluxConfig, layer: MT.fluxContent }],
      ['singularity-sif', { config: MT.sifConfig, layer: MT.sifLayer }],
      ['oras-directory', { config: MT.empty, artifactType: MT.orasUnknownArtifact, layer: MT.ociLayerTarGzip }],
      ['other-acme-widget', { config: MT.empty, artifactType: MT.acmeWidget }],
    ];
    for (const [name, want] of expectations) {
      const artifact = catalog.get(name);
      const { body } = await fetchJson(artifact.repository, artifact.tag ?? artifact.digest);
      if ('mediaTypeInBody' in want) expect(body.mediaType, name).toBe(want.mediaTypeInBody);
      if (want.config) expect(body.config?.mediaType, name).toBe(want.config);
      expect(body.artifactType, name).toBe(want.artifactType);
      if (want.layer) expect(body.layers?.[0]?.mediaType, name).toBe(want.layer);
      expect(artifact.configMediaType, name).toBe(body.config?.mediaType);
    }
  });

  it('writes the Docker volume as the announcement pushes it: foo.txt as text/plain and the {"name":"foo","value":"bar"} config', async () => {
    const volume = catalog.get('volume-announcement');
    const { body } = await fetchJson(volume.repository, 'latest');
    expect(body.layers?.[0]?.annotations?.['org.opencontainers.image.title']).toBe('foo.txt');
    expect(body.annotations?.['org.opencontainers.image.created']).toBe('2024-05-01T12:00:00Z');
    const config = await http.getBlob(volume.repository, body.config?.digest ?? '', 1024);
    expect(Buffer.from(config).toString('utf8')).toBe('{"name":"foo","value":"bar"}');
  });

  it('writes a multi-platform index with buildx attestation manifests that point at their platform', async () => {
    const index = catalog.get('image-multi-platform');
    const { body, mediaType } = await fetchJson(index.repository, '2.0');
    expect(mediaType).toBe(MT.ociIndex);
    const platforms = (body.manifests ?? []).filter((m) => m.platform?.os !== 'unknown');
    const attestations = (body.manifests ?? []).filter((m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest');
    expect(platforms.map((m) => `${m.platform?.os}/${m.platform?.architecture}`)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(attestations).toHaveLength(2);
    for (const att of attestations) {
      expect(att.platform).toEqual({ architecture: 'unknown', os: 'unknown' });
      const described = att.annotations?.['vnd.docker.reference.digest'] ?? '';
      expect(platforms.map((p) => p.digest)).toContain(described);
      expect(index.facts.attestations?.[described]).toBe(att.digest);
      const { body: attBody } = await fetchJson(index.repository, att.digest);
      expect(attBody.layers?.map((l) => l.annotations?.['in-toto.io/predicate-type'])).toEqual(['https://spdx.dev/Document', 'https://slsa.dev/provenance/v0.2']);
    }
  });

  it('writes Helm charts as helm push does: tag = version with + as _, Chart.yaml as the config, provenance as a second layer', async () => {
    const tags = await http.listTags('charts/demo');
    expect(tags.sort()).toEqual(['0.1.0', '0.2.0_build.1']);
    const plain = catalog.get('helm-chart');
    const { body } = await fetchJson('charts/demo', '0.1.0');
    expect(body.annotations?.['org.opencontainers.image.title']).toBe('demo');
    expect(body.annotations?.['org.opencontainers.image.version']).toBe('0.1.0');
    expect(body.layers).toHaveLength(1);
    const config = JSON.parse(Buffer.from(await http.getBlob('charts/demo', body.config?.digest ?? '', 64 * 1024)).toString('utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ name: 'demo', version: '0.1.0', apiVersion: 'v2', appVersion: plain.facts.chart?.appVersion });
    const prov = await fetchJson('charts/demo', '0.2.0_build.1');
    expect(prov.body.layers?.map((l) => l.mediaType)).toEqual([MT.helmChart, MT.helmProvenance]);
    expect(prov.body.annotations?.['org.opencontainers.image.version']).toBe('0.2.0+build.1');
  });

  it('attaches the SBOM and the Notation signature with subject, lists both in the sha256-<hex> fallback index, and tags the cosign .sig', async () => {
    const image = catalog.get('image-oci');
    const hex = image.digest.slice('sha256:'.length);
    const tags = await http.listTags('demo');
    expect(tags.sort()).toEqual(['1.0', `sha256-${hex}`, `sha256-${hex}.sig`].sort());
    for (const name of ['sbom-spdx', 'signature-notation']) {
      const referrer = catalog.get(name);
      const { body } = await fetchJson('demo', referrer.digest);
      expect(body.subject?.digest, name).toBe(image.digest);
    }
    const [fallback] = catalog.referrersIndexes;
    const { body, mediaType } = await fetchJson('demo', `sha256-${hex}`);
    expect(mediaType).toBe(MT.ociIndex);
    expect(fallback?.digest).toBe((await http.getManifest('demo', `sha256-${hex}`)).digest);
    expect(body.manifests?.map((m) => [m.digest, m.artifactType])).toEqual([
      [catalog.get('sbom-spdx').digest, MT.spdx],
      [catalog.get('signature-notation').digest, MT.notarySignature],
    ]);
    const sig = await fetchJson('demo', `sha256-${hex}.sig`);
    const payloadAnnotations = sig.body.layers?.[0]?.annotations ?? {};
    expect(Object.keys(payloadAnnotations)).toContain('dev.cosignproject.cosign/signature');
  });

  it('lets skopeo copy the images back out into OCI layouts with the same digests', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seed-pull-'));
    try {
      for (const name of ['image-oci', 'image-docker', 'image-multi-platform', 'helm-chart']) {
        const artifact = catalog.get(name);
        const out = join(dir, name);
        await skopeoPull(registry.host, artifact.repository, artifact.tag ?? '', out);
        const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
        expect(index.manifests.map((m) => m.digest), name).toContain(artifact.digest);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is reproducible: the same options give the same digests', async () => {
    const second = await seedRegistry(registry);
    expect(second.artifacts.map((a) => a.digest)).toEqual(catalog.artifacts.map((a) => a.digest));
  }, 120_000);
});
