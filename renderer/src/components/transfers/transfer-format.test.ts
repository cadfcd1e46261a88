import { describe, expect, it } from 'vitest';
import { formatSpeed, formatTimeLeft, percent } from './transfer-format';

describe('transfer formatting', () => {
  it('speed', () => {
    expect(formatSpeed(0)).toBe('');
    expect(formatSpeed(12_500_000)).toBe('13 MB/s');
  });

  it('time left', () => {
    expect(formatTimeLeft(undefined)).toBe('');
    expect(formatTimeLeft(Number.POSITIVE_INFINITY)).toBe('');
    expect(formatTimeLeft(0.2)).toBe('1 s left');
    expect(formatTimeLeft(59)).toBe('59 s left');
    expect(formatTimeLeft(185)).toBe('3 min left');
    expect(formatTimeLeft(3900)).toBe('1 h 5 min left');
  });

  it('percent never says 100 before the last byte', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(999, 1000)).toBe(99);
    expect(percent(1000, 1000)).toBe(100);
    expect(percent(1, 3)).toBe(33);
  });
});
