import { describe, expect, it } from 'vitest';
import { PickedPaths } from './picked-paths';

describe('PickedPaths', () => {
  it('vouches for a picked path once, and only for a few minutes', () => {
    let now = 0;
    const picked = new PickedPaths(1000, () => now);
    picked.add(['/a', '/b']);
    expect(picked.take('/a')).toBe(true);
    expect(picked.take('/a')).toBe(false);
    expect(picked.take('/elsewhere')).toBe(false);
    now = 1001;
    expect(picked.take('/b')).toBe(false);
  });
});
