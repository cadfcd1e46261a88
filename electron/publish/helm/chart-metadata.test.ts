import { describe, expect, it } from 'vitest';
import { chartConfigJson, chartManifestAnnotations, readChartYaml, sanitize } from './chart-metadata';
import { chartTag, isSemver2 } from './semver';

const FULL = `
type: application
apiVersion: v2
dependencies:
  - name: redis
    repository: oci://registry-1.docker.io/bitnamicharts
    version: 18.x.x
    condition: redis.enabled
    import-values:
      - child: default.data
        parent: myimports
      - simple
kubeVersion: ">=1.22.0-0"
annotations:
  category: Infrastructure
  org.opencontainers.image.title: ignored-by-helm
deprecated: true
appVersion: 1.10
tags: web
condition: demo.enabled
icon: https://example.com/icon.png
maintainers:
  - name: Ada
    email: ada@example.com
  - name: Bob
    url: https://bob.example
keywords: [web, "a<b"]
description: "A demo\\tchart & more"
version: 1.2.3+build.5
sources:
  - https://github.com/example/demo
  - https://example.com/second
home: https://example.com
name: demo
`;

describe('readChartYaml + chartConfigJson (json.Marshal of helm chart.Metadata)', () => {
  it('writes the fields in the Go struct order, empty ones left out, HTML-safe escaping, scalars as written', () => {
    const reading = readChartYaml(FULL, 'demo-1.2.3.tgz');
    if (!reading.ok) throw new Error(reading.problems.join());
    expect(chartConfigJson(reading.metadata).toString()).toBe(
      '{"name":"demo","home":"https://example.com","sources":["https://github.com/example/demo","https://example.com/second"],' +
        '"version":"1.2.3+build.5","description":"A demo chart \\u0026 more","keywords":["web","a\\u003cb"],' +
        '"maintainers":[{"name":"Ada","email":"ada@example.com"},{"name":"Bob","url":"https://bob.example"}],' +
        '"icon":"https://example.com/icon.png","apiVersion":"v2","condition":"demo.enabled","tags":"web","appVersion":"1.10","deprecated":true,' +
        '"annotations":{"category":"Infrastructure","org.opencontainers.image.title":"ignored-by-helm"},"kubeVersion":"\\u003e=1.22.0-0",' +
        '"dependencies":[{"name":"redis","version":"18.x.x","repository":"oci://registry-1.docker.io/bitnamicharts","condition":"redis.enabled","import-values":[{"child":"default.data","parent":"myimports"},"simple"]}],' +
        '"type":"application"}',
    );
  });

  it('a minimal chart: only what is set, apiVersion v1 when missing (as Helm\'s loader assumes)', () => {
    const reading = readChartYaml('name: tiny\nversion: 0.1.0\n', 'tiny');
    if (!reading.ok) throw new Error(reading.problems.join());
    expect(chartConfigJson(reading.metadata).toString()).toBe('{"name":"tiny","version":"0.1.0","apiVersion":"v1"}');
  });

  it('names the chart and the field in each problem: no version, a version that is not SemVer 2, a bad name, a bad type, bad YAML', () => {
    expect(readChartYaml('name: a\n', 'a.tgz')).toEqual({ ok: false, problems: ['Chart.yaml in a.tgz has no version.'] });
    const bad = readChartYaml('name: a\nversion: 1.2\n', 'a.tgz');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems[0]).toMatch(/"1\.2" in a\.tgz is not SemVer 2/);
    const name = readChartYaml('name: ../x\nversion: 1.0.0\n', 'x');
    expect(!name.ok && name.problems[0]).toMatch(/chart name "..\/x" in x is not allowed/);
    const type = readChartYaml('name: a\nversion: 1.0.0\ntype: plugin\n', 'a');
    expect(!type.ok && type.problems[0]).toMatch(/type "plugin" in a must be application or library/);
    const yaml = readChartYaml('name: [unclosed\n', 'broken.tgz');
    expect(!yaml.ok && yaml.problems[0]).toMatch(/Chart.yaml in broken.tgz is not valid YAML/);
  });

  it('sanitises like helm: whitespace to a space, unprintable characters dropped', () => {
    expect(sanitize('a\tb\nc\u0000d\u200be')).toBe('a b cde');
  });
});

describe('chartManifestAnnotations (helm generateOCIAnnotations)', () => {
  it('sets description, title, version, url, created, the first source and the authors, then the chart annotations except title/version', () => {
    const reading = readChartYaml(FULL, 'demo');
    if (!reading.ok) throw new Error('unreadable');
    expect(chartManifestAnnotations(reading.metadata, '2024-05-06T07:08:09Z')).toEqual({
      'org.opencontainers.image.description': 'A demo chart & more',
      'org.opencontainers.image.title': 'demo',
      'org.opencontainers.image.version': '1.2.3+build.5',
      'org.opencontainers.image.url': 'https://example.com',
      'org.opencontainers.image.created': '2024-05-06T07:08:09Z',
      'org.opencontainers.image.source': 'https://github.com/example/demo',
      'org.opencontainers.image.authors': 'Ada (ada@example.com), Bob',
      category: 'Infrastructure',
    });
  });
});

describe('semver', () => {
  it('accepts SemVer 2 only, and tags with + written as _', () => {
    for (const v of ['1.0.0', '0.1.0-rc.1', '1.2.3+build.5', '10.20.30-alpha.1+meta']) expect(isSemver2(v)).toBe(true);
    for (const v of ['1.2', 'v1.2.3', '01.2.3', '1.2.3-', '1.2.3+', 'latest']) expect(isSemver2(v)).toBe(false);
    expect(chartTag('1.2.3+build.5')).toBe('1.2.3_build.5');
  });
});
