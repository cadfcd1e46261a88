import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Batcher } from './catalog-batcher';

describe('Batcher (fake timers)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands over names per registry once things go quiet, without duplicates, in batches of at most the cap', () => {
    const calls: Array<[string, string[]]> = [];
    const batcher = new Batcher((registry, names) => calls.push([registry, names]), 50, 3);
    for (const name of ['a', 'b', 'a', 'c', 'd']) batcher.add('one', name);
    batcher.add('two', 'x');
    vi.advanceTimersByTime(49);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([
      ['one', ['a', 'b', 'c']],
      ['one', ['d']],
      ['two', ['x']],
    ]);
  });

  it('drops what is pending when cancelled', () => {
    const calls: string[][] = [];
    const batcher = new Batcher((_registry, names) => calls.push(names), 50);
    batcher.add('one', 'a');
    batcher.cancel();
    vi.advanceTimersByTime(100);
    expect(calls).toEqual([]);
  });
});
