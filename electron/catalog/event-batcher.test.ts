import { describe, expect, it, vi } from 'vitest';
import { EventBatcher } from './event-batcher';

describe('EventBatcher', () => {
  it('sends a full batch at once and the rest shortly after the first item, in order', () => {
    vi.useFakeTimers();
    try {
      const sent: number[][] = [];
      const batcher = new EventBatcher<number>((items) => sent.push(items), 3, 50);
      for (const n of [1, 2, 3, 4]) batcher.push(n);
      expect(sent).toEqual([[1, 2, 3]]);
      vi.advanceTimersByTime(50);
      expect(sent).toEqual([[1, 2, 3], [4]]);
      batcher.flush();
      expect(sent).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
