import { describe, expect, it } from 'vitest';
import { MAX_SBOM_PACKAGES, parseSbom } from './sbom';

describe('parseSbom', () => {
  it('reads SPDX 2.3 JSON: version, name, packages with version, licence and purl', () => {
    const got = parseSbom({
      spdxVersion: 'SPDX-2.3',
      name: 'demo',
      packages: [
        { name: 'busybox', versionInfo: '1.36.1', licenseConcluded: 'GPL-2.0-only', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:apk/alpine/busybox@1.36.1' }] },
        { name: 'musl', versionInfo: '1.2.4', licenseConcluded: 'NOASSERTION', licenseDeclared: 'MIT' },
        { SPDXID: 'no-name' },
      ],
    });
    expect(got).toEqual({
      format: 'spdx',
      specVersion: '2.3',
      name: 'demo',
      packageCount: 3,
      packages: [
        { name: 'busybox', version: '1.36.1', license: 'GPL-2.0-only', purl: 'pkg:apk/alpine/busybox@1.36.1' },
        { name: 'musl', version: '1.2.4', license: 'MIT' },
      ],
      truncated: false,
    });
  });

  it('reads CycloneDX JSON: license ids, names and expressions', () => {
    const got = parseSbom({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      metadata: { component: { name: 'app' } },
      components: [
        { type: 'library', name: 'lodash', version: '4.17.21', purl: 'pkg:npm/lodash@4.17.21', licenses: [{ license: { id: 'MIT' } }] },
        { type: 'library', name: 'x', licenses: [{ expression: 'Apache-2.0 OR MIT' }] },
      ],
    });
    expect(got.format).toBe('cyclonedx');
    expect(got.specVersion).toBe('1.5');
    expect(got.name).toBe('app');
    expect(got.packages).toEqual([
      { name: 'lodash', version: '4.17.21', license: 'MIT', purl: 'pkg:npm/lodash@4.17.21' },
      { name: 'x', license: 'Apache-2.0 OR MIT' },
    ]);
  });

  it('unwraps an in-toto statement (cosign attest --type spdxjson)', () => {
    const got = parseSbom({ _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://spdx.dev/Document', predicate: { spdxVersion: 'SPDX-2.2', packages: [{ name: 'a' }] } });
    expect(got.format).toBe('spdx');
    expect(got.packages).toEqual([{ name: 'a' }]);
  });

  it('caps the table and says so', () => {
    const packages = Array.from({ length: MAX_SBOM_PACKAGES + 10 }, (_, i) => ({ name: `p${i}` }));
    const got = parseSbom({ spdxVersion: 'SPDX-2.3', packages });
    expect(got.packageCount).toBe(MAX_SBOM_PACKAGES + 10);
    expect(got.packages).toHaveLength(MAX_SBOM_PACKAGES);
    expect(got.truncated).toBe(true);
  });

  it('gives "unknown" for anything else, and truncates overlong fields', () => {
    expect(parseSbom([1, 2]).format).toBe('unknown');
    expect(parseSbom({ hello: 'world' }).format).toBe('unknown');
    const long = parseSbom({ spdxVersion: 'SPDX-2.3', packages: [{ name: 'n'.repeat(10_000) }] });
    expect(long.packages[0]?.name.length).toBe(512);
  });
});
