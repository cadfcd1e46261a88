import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactDetails } from '../../../shared/contract';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { seedRegistry, type SeededCatalog } from '../../support/seed';
import { catalogFixture, type CatalogFixture } from './helpers';

let registry: TestRegistry;
let seeded: SeededCatalog;
let fx: CatalogFixture;

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  seeded = await seedRegistry(registry);
  fx = await catalogFixture(registry);
}, 120_000);

afterAll(async () => {
  await fx?.close();
  await registry?.stop();
});

function details(name: string, byDigest = false): Promise<ArtifactDetails> {
  const a = seeded.get(name);
  const reference = byDigest || !a.tag ? a.digest : a.tag;
  return fx.service.handlers['catalog.details']({ registryId: 'local', repository: a.repository, reference }, fx.ctx);
}

describe('catalog.details of each seeded kind', () => {
  it('image: platform, config (entrypoint, cmd, env, ports, labels), history, layers, referrers tree and commands', async () => {
    const a = seeded.get('image-oci');
    const d = await details('image-oci');
    expect(d.row).toMatchObject({ kind: 'image', digest: a.digest, referrerCount: 3 });
    expect(d.image?.platforms.map((p) => `${p.os}/${p.architecture}`)).toEqual(['linux/amd64']);
    expect(d.image?.config).toMatchObject({ entrypoint: a.facts.entrypoint, cmd: a.facts.cmd, env: a.facts.env, exposedPorts: a.facts.exposedPorts, labels: a.facts.labels });
    expect(d.image?.history).toHaveLength(a.facts.historyCount!);
    expect(d.layers.map((l) => l.digest)).toEqual(a.layers.map((l) => l.digest));
    expect(JSON.parse(d.manifestJson)).toMatchObject({ schemaVersion: 2 });
    expect(JSON.parse(d.configJson!)).toMatchObject({ os: 'linux' });
    const kinds = d.referrers.map((r) => `${r.source}:${r.kind}`).sort();
    expect(kinds).toEqual(['cosign-tag:signature', 'tag-schema:sbom', 'tag-schema:signature']);
    expect(d.referrers.find((r) => r.source === 'cosign-tag')?.digest).toBe(seeded.get('signature-cosign').digest);
    expect(d.commands.map((c) => c.command)).toContain(`podman pull --tls-verify=false ${registry.host}/demo:1.0`);
  });

  it('multi-platform image: platforms with sizes, buildx attestations as referrers, not platforms', async () => {
    const a = seeded.get('image-multi-platform');
    const d = await details('image-multi-platform');
    expect(d.image?.platforms.map((p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/'))).toEqual(a.facts.platforms);
    for (const p of d.image?.platforms ?? []) expect(p.size).toBeGreaterThan(0);
    expect(d.image?.config?.entrypoint).toEqual(a.facts.entrypoint);
    expect(d.referrers.filter((r) => r.source === 'buildx').map((r) => r.digest).sort()).toEqual(Object.values(a.facts.attestations ?? {}).sort());
    expect(d.referrers.every((r) => r.kind === 'attestation')).toBe(true);
  });

  it('Helm chart: Chart.yaml metadata, values.yaml and README.md from the chart layer, provenance, helm commands', async () => {
    const a = seeded.get('helm-chart-prov');
    const d = await details('helm-chart-prov');
    expect(d.helm?.chart).toMatchObject({ name: a.facts.chart!.name, version: a.facts.chart!.version, appVersion: a.facts.chart!.appVersion });
    expect(d.helm?.valuesYaml).toMatch(/\S/);
    expect(d.helm?.readme).toMatch(/\S/);
    expect(d.helm?.files).toEqual(a.facts.layerFiles);
    expect(d.helm?.hasProvenance).toBe(true);
    expect(d.commands.find((c) => c.id === 'helm-pull')?.command).toBe(`helm pull oci://${registry.host}/charts/demo --version 0.2.0+build.1 --plain-http`);
  });

  it('volume and generic files: file names from title annotations, sizes, previews of small text files', async () => {
    for (const name of ['volume-announcement', 'volume-artifact-type', 'oras-directory']) {
      const a = seeded.get(name);
      const d = await details(name);
      expect(d.files?.map((f) => f.name), name).toEqual(a.facts.files);
      expect(d.files?.map((f) => f.size)).toEqual(a.layers.map((l) => l.size));
    }
    const withText = await details('oras-directory');
    expect(withText.files?.some((f) => f.preview !== undefined || f.unpack)).toBe(true);
  });

  it('SBOM: format and the package table', async () => {
    const a = seeded.get('sbom-spdx');
    const d = await details('sbom-spdx');
    expect(d.row.kind).toBe('sbom');
    expect(d.sbom?.format).toBe('spdx');
    expect(d.sbom?.packages.map((p) => p.name)).toEqual(a.facts.sbom!.packages);
  });

  it('Wasm: config fields', async () => {
    const a = seeded.get('wasm-module');
    const d = await details('wasm-module');
    expect(d.wasm?.config).toMatchObject(a.facts.wasm!);
  });

  it('OPA, Kyverno and Falco: the policy files with the text of small ones', async () => {
    const opa = await details('opa-bundle');
    expect(opa.policy?.files.map((f) => f.name)).toEqual(seeded.get('opa-bundle').facts.files);
    expect(opa.policy?.files.find((f) => f.name.endsWith('.rego'))?.text).toContain('package main');
    const kyverno = await details('kyverno-policy');
    expect(kyverno.policy?.files[0]?.text).toContain('kind: ClusterPolicy');
    const falco = await details('falco-rules');
    expect(falco.policy?.files.map((f) => f.name)).toEqual(seeded.get('falco-rules').facts.files);
  });

  it('signatures: the tool and who signed', async () => {
    const notation = await details('signature-notation');
    expect(notation.signature).toMatchObject({ tool: 'notation', signedDigest: seeded.get('image-oci').digest });
    expect(notation.signature?.signer).toContain(seeded.get('signature-notation').facts.signer);
    const cosign = await details('signature-cosign');
    expect(cosign.signature?.tool).toBe(seeded.get('signature-cosign').facts.signer);
    expect(cosign.signature?.signedDigest).toBe(seeded.get('image-oci').digest);
  });

  it('Other: the exact media type', async () => {
    for (const name of ['other-acme-widget', 'other-random-volume']) {
      const d = await details(name);
      expect(d.row.kind).toBe('other');
      expect(d.row.mediaType).toBe(seeded.get(name).facts.shownMediaType);
    }
  });

  it('an unknown tag is a not-found error the user can act on', async () => {
    await expect(fx.service.handlers['catalog.details']({ registryId: 'local', repository: 'demo', reference: 'nope' }, fx.ctx)).rejects.toMatchObject({ code: 'not-found' });
  });
});
