import { describe, expect, it } from 'vitest';
import { seededRandom, seededSizes } from './seeded-random';

describe('seeded blob sizes', () => {
  it('repeats for a seed and differs between seeds', () => {
    expect(seededSizes(50, 10, 20, 7)).toEqual(seededSizes(50, 10, 20, 7));
    expect(seededSizes(50, 10, 20, 7)).not.toEqual(seededSizes(50, 10, 20, 8));
  });

  it('stays within bounds and spreads over the range', () => {
    const sizes = seededSizes(200, 4096, 262144);
    expect(sizes).toHaveLength(200);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(4096);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(262144);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeGreaterThan(200_000);
  });

  it('yields numbers in [0, 1)', () => {
    const next = seededRandom(1);
    const values = Array.from({ length: 1000 }, next);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Set(values).size).toBe(1000);
  });
});
