import { describe, expect, it } from 'vitest';
import { EntryIndex } from './catalog-cache';
import { maskOfKinds, type RepositoryEntry } from './catalog-filter';

const entry = (registryId: string, name: string): RepositoryEntry => ({ key: `${registryId} ${name}`, registryId, name, pinned: false, search: name, kindMask: 0 });

describe('EntryIndex', () => {
  it('sets the kind bits of the listed entry a summary is about, and of no other', () => {
    const web = entry('r1', 'apps/web');
    const chart = entry('r1', 'charts/demo');
    const index = new EntryIndex();
    index.add([web, chart]);
    index.applySummaries([
      { registryId: 'r1', repository: 'charts/demo', tagCount: 1, kinds: { 'helm-chart': 1 } },
      { registryId: 'r2', repository: 'apps/web', tagCount: 1, kinds: { image: 1 } },
    ]);
    expect(chart.kindMask & maskOfKinds(['helm-chart'])).not.toBe(0);
    expect(web.kindMask).toBe(0);
  });

  it('leaves entries alone once they are removed (a registry listed again or forgotten)', () => {
    const web = entry('r1', 'apps/web');
    const index = new EntryIndex();
    index.add([web]);
    index.remove([web]);
    index.applySummaries([{ registryId: 'r1', repository: 'apps/web', tagCount: 1, kinds: { image: 1 } }]);
    expect(web.kindMask).toBe(0);
  });
});
