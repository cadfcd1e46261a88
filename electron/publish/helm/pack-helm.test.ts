import { describe, expect, it } from 'vitest';
import { canonicalManifest } from '../../oci/manifests/canonical-json';
import { blobOf, extrasOf, optionsOf } from '../pack/test-fixtures';
import { readChartYaml } from './chart-metadata';
import { packHelm } from './pack-helm';

const reading = readChartYaml('apiVersion: v2\nname: demo\nversion: 1.2.3+b.1\ndescription: Demo\n', 'demo-1.2.3.tgz');

describe('packHelm (helm push, Helm 3)', () => {
  const chart = blobOf('e0', 'demo-1.2.3.tgz', 'chart-bytes', { sniffed: 'helm-chart' });
  const prov = blobOf('e1', 'demo-1.2.3.tgz.prov', 'prov-bytes', { sniffed: 'chart-provenance' });

  it('config = Chart.yaml as JSON, chart and provenance layers sorted by digest without annotations, Helm annotations, no artifactType', () => {
    const packed = packHelm({ options: optionsOf({ kind: 'helm', repository: 'charts', tags: [] }), blobs: [chart, prov], extras: extrasOf({ created: '2024-01-01T00:00:00Z' }), helm: { chart, reading, provenance: prov } });
    expect(packed.problems).toEqual([]);
    expect(packed.repositorySuffix).toBe('demo');
    expect(packed.impliedTags).toEqual(['1.2.3_b.1']);
    const m = packed.manifest;
    expect(m.artifactType).toBeUndefined();
    expect(m.config.mediaType).toBe('application/vnd.cncf.helm.config.v1+json');
    const config = packed.blobs.find((b) => b.descriptor.digest === m.config.digest)!;
    expect(Buffer.from((config.source as { data: Uint8Array }).data).toString()).toBe('{"name":"demo","version":"1.2.3+b.1","description":"Demo","apiVersion":"v2"}');
    const expected = [
      { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', digest: chart.digest, size: chart.size },
      { mediaType: 'application/vnd.cncf.helm.chart.provenance.v1.prov', digest: prov.digest, size: prov.size },
    ].sort((a, b) => (a.digest < b.digest ? -1 : 1));
    expect(m.layers).toEqual(expected);
    expect(m.annotations).toEqual({
      'org.opencontainers.image.created': '2024-01-01T00:00:00Z',
      'org.opencontainers.image.description': 'Demo',
      'org.opencontainers.image.title': 'demo',
      'org.opencontainers.image.version': '1.2.3+b.1',
    });
    expect(canonicalManifest(m).toString()).toMatch(/^\{"schemaVersion":2,"mediaType":"application\/vnd.oci.image.manifest.v1\+json","config":\{"mediaType":"application\/vnd.cncf.helm.config.v1\+json"/);
  });

  it('a chart archive without Chart.yaml, a bad version, a name no registry takes: a problem naming it', () => {
    const noChart = packHelm({ options: optionsOf({ kind: 'helm' }), blobs: [chart], extras: extrasOf(), helm: { chart, reading: { ok: false, problems: ['demo.tgz has no <name>/Chart.yaml inside'] } } });
    expect(noChart.problems).toEqual(['demo.tgz has no <name>/Chart.yaml inside']);
    const upper = readChartYaml('name: MyChart\nversion: 1.0.0\n', 'MyChart.tgz');
    const named = packHelm({ options: optionsOf({ kind: 'helm' }), blobs: [chart], extras: extrasOf(), helm: { chart, reading: upper } });
    expect(named.problems[0]).toMatch(/chart name "MyChart" cannot be a repository name \(demo\/MyChart\)/);
    const none = packHelm({ options: optionsOf({ kind: 'helm' }), blobs: [], extras: extrasOf(), helm: { problems: ['There is no Helm chart here'] } });
    expect(none.problems).toEqual(['There is no Helm chart here']);
  });

  it('anything else dropped beside the chart is named as not part of it', () => {
    const stray = blobOf('e2', 'notes.txt', 'x');
    const packed = packHelm({ options: optionsOf({ kind: 'helm' }), blobs: [chart, stray], extras: extrasOf(), helm: { chart, reading } });
    expect(packed.problems).toEqual(['notes.txt is not part of a Helm chart; leave it out or choose another kind.']);
  });
});
