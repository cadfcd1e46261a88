import { describe, expect, it } from 'vitest';
import type { RepositorySummary } from '../../../shared/contract';
import { holds, QueryFilter } from './catalog-filter';

const summary = (kinds: RepositorySummary['kinds']): RepositorySummary => ({ registryId: 'r', repository: 'x', tagCount: 1, kinds });

describe('catalog filter', () => {
  it('counts a multi-platform image as an image, and nothing else as one', () => {
    expect(holds(summary({ 'image-index': 1 }), 'image')).toBe(true);
    expect(holds(summary({ sbom: 2 }), 'image')).toBe(false);
    expect(holds(summary({ sbom: 2 }), 'sbom')).toBe(true);
    expect(holds(undefined, 'sbom')).toBe(false);
  });

  it('narrows by a case-insensitive substring, reusing its last answer while the query grows', () => {
    const filter = new QueryFilter<{ search: string }>();
    const source = [{ search: 'apps/web' }, { search: 'apps/legacy' }, { search: 'charts/demo' }];
    expect(filter.apply(source, 'APPS')).toEqual([source[0], source[1]]);
    expect(filter.apply(source, 'apps/w')).toEqual([source[0]]);
    expect(filter.apply(source, 'demo')).toEqual([source[2]]);
    expect(filter.apply(source, '  ')).toBe(source);
  });

  it('filters 100,000 entries, then a longer query only over the previous matches', () => {
    const source = Array.from({ length: 100_000 }, (_, i) => ({ search: `team-${i % 100}/service-${i}` }));
    const filter = new QueryFilter<{ search: string }>();
    expect(filter.apply(source, 'team-7/')).toHaveLength(1000);
    const plain = (q: string) => source.filter((e) => e.search.includes(q));
    expect(filter.apply(source, 'team-7/service-7')).toEqual(plain('team-7/service-7'));
    expect(filter.apply(source, 'team-7/service-70')).toEqual(plain('team-7/service-70'));
    expect(filter.apply(source, 'team-7/service-70').length).toBeGreaterThan(0);
  });
});
