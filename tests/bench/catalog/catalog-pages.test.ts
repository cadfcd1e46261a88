import { describe, expect, it } from 'vitest';
import { catalogPage, manyNames } from './catalog-pages';

describe('manyNames', () => {
  it('continues the seed’s naming, sorted as the registry sorts', () => {
    const names = manyNames(12);
    expect(names.slice(0, 2)).toEqual(['many/repo-00000', 'many/repo-00001']);
    expect([...names].sort()).toEqual(names);
    expect(manyNames(100_000).at(-1)).toBe('many/repo-99999');
  });
});

describe('catalogPage', () => {
  const names = manyNames(25);

  it('pages with n and last and links to the next page', () => {
    const first = catalogPage(names, '/v2/_catalog?n=10');
    expect(first.body.repositories).toEqual(names.slice(0, 10));
    expect(first.link).toBe('</v2/_catalog?last=many%2Frepo-00009&n=10>; rel="next"');
    const third = catalogPage(names, '/v2/_catalog?last=many%2Frepo-00019&n=10');
    expect(third.body.repositories).toEqual(names.slice(20));
    expect(third.link).toBeUndefined();
  });

  it('walks every name exactly once by following the links', () => {
    const seen: string[] = [];
    let path: string | undefined = '/v2/_catalog?n=7';
    while (path) {
      const page = catalogPage(names, path);
      seen.push(...page.body.repositories);
      path = page.link ? /^<([^>]+)>/.exec(page.link)?.[1] : undefined;
    }
    expect(seen).toEqual(names);
  });

  it('treats a missing or silly n as the default page, and a last past the end as the end', () => {
    expect(catalogPage(names, '/v2/_catalog').body.repositories).toHaveLength(25);
    expect(catalogPage(names, '/v2/_catalog?n=-3').body.repositories).toHaveLength(25);
    expect(catalogPage(names, '/v2/_catalog?last=zzz').body.repositories).toEqual([]);
  });
});
