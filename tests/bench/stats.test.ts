import { describe, expect, it } from 'vitest';
import { median, megabytesPerSecond, speedRatio } from './stats';

describe('bench statistics', () => {
  it('takes the middle value, or the mean of the middle two, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow('median of nothing');
  });

  it('reports decimal MB/s and speed ratios from durations', () => {
    expect(megabytesPerSecond(500_000_000, 2000)).toBe(250);
    expect(speedRatio(2000, 2600)).toBeCloseTo(1.3);
    expect(speedRatio(4000, 2000)).toBe(0.5);
  });
});
