import { describe, expect, it } from 'vitest';
import { figuresOf } from './keystroke-timing';

describe('figuresOf', () => {
  it('splits key-to-paint from the work that must fit in a frame', () => {
    // key at 100, script done at 104 (4 ms), idle until the frame at 110, painted at 113 (3 ms)
    expect(figuresOf({ key: 'r', keyAt: 100, scriptDoneAt: 104, frameAt: 110, paintedAt: 113 })).toEqual({ key: 'r', keyToPaintMs: 13, workMs: 7, scriptMs: 4, renderMs: 3 });
  });

  it('never counts negative spans when the microtask mark was missing (frame used instead)', () => {
    expect(figuresOf({ key: 'e', keyAt: 50, scriptDoneAt: 49, frameAt: 60, paintedAt: 61 })).toEqual({ key: 'e', keyToPaintMs: 11, workMs: 1, scriptMs: 0, renderMs: 1 });
  });
});
