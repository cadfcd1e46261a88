import { describe, expect, it } from 'vitest';
import type { RepositorySummary } from '../../../shared/contract';
import { holds, KindCounts, kindMask, maskOfKinds, QueryFilter, searchText } from './catalog-filter';

const summary = (kinds: RepositorySummary['kinds']): RepositorySummary => ({ registryId: 'r', repository: 'x', tagCount: 1, kinds });

describe('catalog filter', () => {
  it('counts a multi-platform image as an image, and nothing else as one', () => {
    expect(holds(summary({ 'image-index': 1 }), 'image')).toBe(true);
    expect(holds(summary({ sbom: 2 }), 'image')).toBe(false);
    expect(holds(summary({ sbom: 2 }), 'sbom')).toBe(true);
    expect(holds(undefined, 'sbom')).toBe(false);
  });

  it('puts the kinds a summary holds in bits that the wanted kinds test in one step', () => {
    const images = maskOfKinds(['image']);
    expect(kindMask(summary({ 'image-index': 1 })) & images).not.toBe(0);
    expect(kindMask(summary({ sbom: 2, wasm: 1 })) & images).toBe(0);
    expect(kindMask(summary({ sbom: 2, wasm: 1 })) & maskOfKinds(['helm-chart', 'wasm'])).not.toBe(0);
    expect(kindMask(summary({ sbom: 0 }))).toBe(0);
    expect(kindMask(undefined)).toBe(0);
    expect(maskOfKinds([])).toBe(0);
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

  describe('prefix-result stack', () => {
    /** Items that count how often their search text is read, i.e. how many items a query scanned. */
    function counted(texts: string[]) {
      const reads = { n: 0 };
      const items = texts.map((text) => ({
        text,
        get search(): string {
          reads.n += 1;
          return text;
        },
      }));
      return { items, reads };
    }
    const names = (list: readonly { text: string }[]) => list.map((i) => i.text);

    it('pops back to the earlier answer on Backspace, scanning nothing', () => {
      const { items, reads } = counted(['repo-001', 'repo-002', 'repo-010', 'other']);
      const filter = new QueryFilter<(typeof items)[number]>();
      const repo0 = filter.apply(items, 'repo-0');
      const repo00 = filter.apply(items, 'repo-00');
      filter.apply(items, 'repo-001');
      reads.n = 0;
      expect(filter.apply(items, 'repo-00')).toBe(repo00);
      expect(filter.apply(items, 'repo-0')).toBe(repo0);
      expect(reads.n).toBe(0);
      expect(names(repo0)).toEqual(['repo-001', 'repo-002', 'repo-010']);
      expect(names(repo00)).toEqual(['repo-001', 'repo-002']);
    });

    it('narrows only the previous answer when the query grows', () => {
      const { items, reads } = counted(['apps/web', 'apps/api', 'charts/demo', 'charts/web', 'tools/cli']);
      const filter = new QueryFilter<(typeof items)[number]>();
      expect(names(filter.apply(items, 'apps'))).toEqual(['apps/web', 'apps/api']);
      reads.n = 0;
      expect(names(filter.apply(items, 'apps/w'))).toEqual(['apps/web']);
      expect(reads.n).toBe(2);
    });

    it('hands back the same array when a longer query still matches everything its prefix did', () => {
      const source = [{ search: 'repo-1' }, { search: 'repo-2' }, { search: 'ghost' }];
      const filter = new QueryFilter<{ search: string }>();
      const r = filter.apply(source, 'r');
      expect(r).toHaveLength(2);
      expect(filter.apply(source, 're')).toBe(r);
      expect(filter.apply(source, 'repo-')).toBe(r);
      expect(filter.apply(source, 'o')).toBe(source);
    });

    it('drops answers that are not prefixes of the new query and scans the whole list again', () => {
      const { items, reads } = counted(['alpha', 'beta', 'alphabet']);
      const filter = new QueryFilter<(typeof items)[number]>();
      filter.apply(items, 'alp');
      filter.apply(items, 'alpha');
      expect(filter.depth).toBe(2);
      reads.n = 0;
      expect(names(filter.apply(items, 'bet'))).toEqual(['beta', 'alphabet']);
      expect(reads.n).toBe(3);
      expect(filter.depth).toBe(1);
      expect(filter.apply(items, '')).toBe(items);
      expect(filter.depth).toBe(0);
    });

    it('forgets every answer when the list itself changes', () => {
      const filter = new QueryFilter<{ search: string }>();
      const before = [{ search: 'web' }, { search: 'api' }];
      expect(filter.apply(before, 'web')).toHaveLength(1);
      const after = [...before, { search: 'web-2' }];
      expect(filter.apply(after, 'web').map((e) => e.search)).toEqual(['web', 'web-2']);
    });

    it('finds a longer query that occurs only after the first place its prefix occurs', () => {
      const source = [{ search: 'abxab' }, { search: 'abab' }, { search: 'aab' }, { search: 'ab' }, { search: 'abxaba' }];
      const filter = new QueryFilter<{ search: string }>();
      expect(filter.apply(source, 'ab')).toBe(source);
      expect(filter.apply(source, 'aba')).toEqual([source[1], source[4]]);
      expect(filter.apply(source, 'ab')).toBe(source);
      expect(filter.apply(source, 'abx')).toEqual([source[0], source[4]]);
      expect(filter.apply(source, 'abxab')).toEqual([source[0], source[4]]);
      expect(filter.apply(source, 'a')).toBe(source);
      expect(filter.apply(source, 'aa')).toEqual([source[2]]);
    });

    it('answers like a plain substring filter over any sequence of typing, Backspace and pasting', () => {
      let seed = 7;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const letters = 'aab-/0';
      const word = (length: number) => Array.from({ length }, () => letters[random(letters.length)]).join('');
      const source = Array.from({ length: 3000 }, () => ({ search: word(4 + random(12)) }));
      const filter = new QueryFilter<{ search: string }>();
      let query = '';
      for (let step = 0; step < 400; step += 1) {
        const move = random(10);
        if (move < 5) query += letters[random(letters.length)];
        else if (move < 8) query = query.slice(0, -1);
        else query = word(random(5));
        const got = filter.apply(source, query);
        expect(got).toEqual(query === '' ? source : source.filter((e) => e.search.includes(query)));
      }
    });

    it('keeps at most 64 answers for a long query typed key by key, and still answers correctly', () => {
      const query = 'x'.repeat(100);
      const source = [{ search: query }, { search: 'x'.repeat(50) }, { search: 'y' }];
      const filter = new QueryFilter<{ search: string }>();
      for (let n = 1; n <= query.length; n += 1) filter.apply(source, query.slice(0, n));
      expect(filter.depth).toBe(64);
      expect(filter.apply(source, query.slice(0, 40))).toHaveLength(2);
      expect(filter.apply(source, query.slice(0, 60))).toHaveLength(1);
    });
  });

  it('searches the name and the registry name in lower case, never across the two', () => {
    const text = searchText('Team/Web-App', 'Local Registry');
    expect(text).toBe('team/web-app\u0000local registry');
    const filter = new QueryFilter<{ search: string }>();
    const source = [{ search: text }, { search: searchText('other', 'Hub') }];
    expect(filter.apply(source, 'WEB-app')).toEqual([source[0]]);
    expect(filter.apply(source, 'local')).toEqual([source[0]]);
    expect(filter.apply(source, 'app local')).toEqual([]);
  });

  describe('kind counts', () => {
    it('counts each kind once per repository, multi-platform images as images, per registry in scope', () => {
      const counts = new KindCounts();
      counts.replace('a', undefined, summary({ image: 2, 'image-index': 1, sbom: 1 }));
      counts.replace('a', undefined, summary({ 'helm-chart': 1 }));
      counts.replace('b', undefined, summary({ 'image-index': 1 }));
      expect(counts.over(['a'])).toEqual({ image: 1, sbom: 1, 'helm-chart': 1 });
      expect(counts.over(['a', 'b'])).toEqual({ image: 2, sbom: 1, 'helm-chart': 1 });
      expect(counts.over(['c'])).toEqual({});
    });

    it('moves a repository between kinds when its summary is replaced, and drops kinds no one holds', () => {
      const counts = new KindCounts();
      const before = summary({ wasm: 1 });
      counts.replace('a', undefined, before);
      counts.replace('a', before, summary({ sbom: 3 }));
      expect(counts.over(['a'])).toEqual({ sbom: 1 });
      counts.replace('a', summary({ sbom: 3 }), summary({ sbom: 1 }));
      expect(counts.over(['a'])).toEqual({ sbom: 1 });
      counts.replace('a', summary({ sbom: 1 }), undefined);
      expect(counts.over(['a'])).toEqual({});
      counts.forget('a');
      expect(counts.over(['a'])).toEqual({});
    });

    it('agrees with counting every summary from scratch', () => {
      const all = Array.from({ length: 500 }, (_, i) => summary(i % 3 === 0 ? { image: 1 } : i % 3 === 1 ? { 'helm-chart': 1, sbom: 1 } : {}));
      const counts = new KindCounts();
      all.forEach((s) => counts.replace('r', undefined, s));
      const scratch = (kind: 'image' | 'helm-chart' | 'sbom') => all.filter((s) => holds(s, kind)).length;
      expect(counts.over(['r'])).toEqual({ image: scratch('image'), 'helm-chart': scratch('helm-chart'), sbom: scratch('sbom') });
    });
  });
});
