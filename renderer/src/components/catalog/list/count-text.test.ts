import { describe, expect, it } from 'vitest';
import { plural } from '../../../lib/format';
import { countText, numberText } from './count-text';

describe('countText', () => {
  it('writes what plural writes, one and many, with the locale’s digit grouping', () => {
    for (const n of [0, 1, 2, 1234, 100_000]) expect(countText(n, 'tag')).toBe(plural(n, 'tag'));
    expect(countText(1, 'repository', 'repositories')).toBe(plural(1, 'repository', 'repositories'));
    expect(countText(3, 'repository', 'repositories')).toBe(plural(3, 'repository', 'repositories'));
    expect(numberText(100_000)).toBe((100_000).toLocaleString());
  });
});
