// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { FrameQueue, nextFrame } from './catalog-frame-queue';

/** A hand-cranked scheduler: runs what was scheduled when the test says a frame has come. */
function manualFrames() {
  const queued: Array<() => void> = [];
  return {
    schedule: (run: () => void) => {
      queued.push(run);
      return () => queued.splice(queued.indexOf(run), 1);
    },
    frame: () => queued.splice(0).forEach((run) => run()),
    get waiting() {
      return queued.length;
    },
  };
}

describe('FrameQueue', () => {
  it('hands over every batch that arrived before a frame in one call, on that frame', () => {
    const frames = manualFrames();
    const flushed: number[][] = [];
    const queue = new FrameQueue<number>((items) => flushed.push(items), { schedule: frames.schedule });
    queue.push([1, 2]);
    queue.push([3]);
    expect(flushed).toEqual([]);
    expect(frames.waiting).toBe(1);
    frames.frame();
    expect(flushed).toEqual([[1, 2, 3]]);
    queue.push([4]);
    frames.frame();
    expect(flushed).toEqual([[1, 2, 3], [4]]);
  });

  it('schedules nothing for an empty batch, and drops what is pending when cancelled', () => {
    const frames = manualFrames();
    const flushed: number[][] = [];
    const queue = new FrameQueue<number>((items) => flushed.push(items), { schedule: frames.schedule });
    queue.push([]);
    expect(frames.waiting).toBe(0);
    queue.push([7]);
    queue.cancel();
    expect(frames.waiting).toBe(0);
    frames.frame();
    queue.drain();
    expect(flushed).toEqual([]);
  });

  it('drain hands over at once and leaves no frame scheduled', () => {
    const frames = manualFrames();
    const flushed: number[][] = [];
    const queue = new FrameQueue<number>((items) => flushed.push(items), { schedule: frames.schedule });
    queue.push([5]);
    queue.drain();
    expect(flushed).toEqual([[5]]);
    expect(frames.waiting).toBe(0);
  });
});

describe('FrameQueue next to keystrokes', () => {
  it('waits while frames are busy, but at most maxWaits frames in a row', () => {
    const frames = manualFrames();
    const flushed: number[][] = [];
    let typing = true;
    const queue = new FrameQueue<number>((items) => flushed.push(items), { schedule: frames.schedule, busy: () => typing, maxWaits: 2 });
    queue.push([1]);
    frames.frame();
    queue.push([2]);
    expect(flushed).toEqual([]);
    frames.frame();
    expect(flushed).toEqual([]);
    frames.frame();
    expect(flushed).toEqual([[1, 2]]);

    queue.push([3]);
    frames.frame();
    expect(flushed).toEqual([[1, 2]]);
    typing = false;
    frames.frame();
    expect(flushed).toEqual([[1, 2], [3]]);
    expect(frames.waiting).toBe(0);
  });
});

describe('nextFrame (jsdom timers)', () => {
  it('runs once even if both the frame and the fallback timer fire, and not at all once cancelled', async () => {
    let runs = 0;
    nextFrame(() => (runs += 1), 20);
    const cancel = nextFrame(() => (runs += 100), 20);
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(runs).toBe(1);
  });
});
