import { describe, expect, it } from 'vitest';
import { compareSemver, parseSemverTag, semverSortKey, sortByTag, sortTags } from './tag-sort';

describe('parseSemverTag', () => {
  it.each([
    ['1.2.3', ['1', '2', '3'], []],
    ['v1.2.3', ['1', '2', '3'], []],
    ['V2.0', ['2', '0', '0'], []],
    ['3', ['3', '0', '0'], []],
    ['1.0.0-rc.1', ['1', '0', '0'], ['rc', '1']],
    ['1.25-alpine', ['1', '25', '0'], ['alpine']],
    ['007.01.0', ['7', '1', '0'], []],
  ])('reads %s', (tag, core, pre) => {
    expect(parseSemverTag(tag)).toMatchObject({ core, pre });
  });

  it('reads build metadata after + or Helm’s _', () => {
    expect(parseSemverTag('0.1.0+build.7')?.build).toBe('build.7');
    expect(parseSemverTag('0.1.0_build.7')?.build).toBe('build.7');
  });

  it.each(['latest', 'main', '1.2.3.4', '1..2', '1.0.0-', '1.0.0-a..b', 'v', 'sha256-abc', '1.0.0+', ''])('does not read %j as a version', (tag) => {
    expect(parseSemverTag(tag)).toBeUndefined();
  });

  it('compares numbers beyond 2^53 without losing precision', () => {
    const a = parseSemverTag('90071992547409931.0.0');
    const b = parseSemverTag('90071992547409930.0.0');
    expect(a && b && compareSemver(a, b)).toBeGreaterThan(0);
  });
});

describe('sortTags, semver order', () => {
  it('puts the newest release first and pre-releases below their release', () => {
    expect(sortTags(['1.0.0-rc.1', '1.0.0', '0.9.0', '1.0.0-beta', '1.0.0-rc.10', '1.0.0-rc.2', '1.0.0-alpha.beta', '1.0.0-alpha'])).toEqual([
      '1.0.0',
      '1.0.0-rc.10',
      '1.0.0-rc.2',
      '1.0.0-rc.1',
      '1.0.0-beta',
      '1.0.0-alpha.beta',
      '1.0.0-alpha',
      '0.9.0',
    ]);
  });

  it('follows semver.org’s precedence example in reverse', () => {
    const ascending = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0'];
    expect(sortTags([...ascending].reverse().sort())).toEqual([...ascending].reverse());
  });

  it('orders numerically, not as text', () => {
    expect(sortTags(['1.9.0', '1.10.0', '1.2.0', '10.0.0', '2.0.0'])).toEqual(['10.0.0', '2.0.0', '1.10.0', '1.9.0', '1.2.0']);
  });

  it('tolerates a v prefix and mixes it with bare versions', () => {
    expect(sortTags(['v1.2.0', '1.10.0', 'v1.3.0'])).toEqual(['1.10.0', 'v1.3.0', 'v1.2.0']);
  });

  it('ignores build metadata for precedence (Helm’s _ included) and breaks ties by natural name order', () => {
    expect(sortTags(['0.1.0_build.9', '0.1.1', '0.1.0+build.7', '0.1.0'])).toEqual(['0.1.1', '0.1.0', '0.1.0+build.7', '0.1.0_build.9']);
  });

  it('puts non-semver tags after versions, by natural name order', () => {
    expect(sortTags(['latest', '1.0.0', 'main', 'edge', 'build-10', 'build-9', '2.0.0'])).toEqual(['2.0.0', '1.0.0', 'build-9', 'build-10', 'edge', 'latest', 'main']);
  });

  it('does not change the input array', () => {
    const tags = ['1.0.0', '2.0.0'];
    sortTags(tags);
    expect(tags).toEqual(['1.0.0', '2.0.0']);
  });

  it('sorts rows by their tag', () => {
    const rows = [{ tag: '1.0.0', id: 1 }, { tag: 'latest', id: 2 }, { tag: '1.1.0', id: 3 }];
    expect(sortByTag(rows, (r) => r.tag, 'semver').map((r) => r.id)).toEqual([3, 1, 2]);
    expect(sortByTag(rows, (r) => r.tag, 'name').map((r) => r.id)).toEqual([1, 3, 2]);
  });

  it('sorts 100,000 shuffled tags into a total order independent of input order', () => {
    const tags: string[] = [];
    for (let major = 0; major < 50; major++) {
      for (let minor = 0; minor < 40; minor++) {
        for (let patch = 0; patch < 40; patch++) tags.push(`${major}.${minor}.${patch}`);
      }
    }
    for (let i = 0; i < 20_000; i++) tags.push(`build-${i}`);
    expect(tags).toHaveLength(100_000);
    let seed = 42;
    const shuffled = [...tags];
    for (let i = shuffled.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = seed % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
    }
    const sorted = sortTags(shuffled);
    expect(sorted).toEqual(sortTags(tags));
    expect(sorted[0]).toBe('49.39.39');
    expect(sorted[79_999]).toBe('0.0.0');
    expect(sorted[80_000]).toBe('build-0');
    expect(sorted[99_999]).toBe('build-19999');
  });
});

describe('sortTags, name order', () => {
  it('sorts naturally, case-insensitively, with a total order', () => {
    expect(sortTags(['v10', 'v2', 'Beta', 'alpha', 'beta', 'v1'], 'name')).toEqual(['alpha', 'Beta', 'beta', 'v1', 'v2', 'v10']);
  });

  it('compares digit runs by value, ignoring leading zeros, and puts them before letters', () => {
    expect(sortTags(['img-b', 'img-010', 'img-9', 'img-a', 'img-0009x'], 'name')).toEqual(['img-9', 'img-0009x', 'img-010', 'img-a', 'img-b']);
  });
});

describe('semverSortKey', () => {
  it('orders exactly as compareSemver does', () => {
    const tags = ['1.0.0', '1.0.0-rc.1', '1.0.0-rc.1.x', '1.0.0-rc.a', '1.0.0-rc', '1.0.0-1', '1.0.0-01a', '0.10.0', '0.9.99', '10.0.0', '1.0.1-alpha', '1.0.0-alpha-b', '1.0.0-alphab'];
    const keys = tags.map((t) => parseSemverTag(t)).filter((k) => k !== undefined);
    expect(keys).toHaveLength(tags.length);
    for (const a of keys) {
      for (const b of keys) expect(Math.sign(semverSortKey(a) < semverSortKey(b) ? -1 : semverSortKey(a) > semverSortKey(b) ? 1 : 0)).toBe(Math.sign(compareSemver(a, b)));
    }
  });
});
