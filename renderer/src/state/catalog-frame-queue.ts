/** Runs `run` once, on the next animation frame, or after `fallbackMs` if frames are not running (a hidden page); returns a cancel. */
export function nextFrame(run: () => void, fallbackMs = 250): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    const timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    run();
  };
  const frame = requestAnimationFrame(once);
  const timer = setTimeout(once, fallbackMs);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

export interface FrameQueueOptions {
  schedule?: (run: () => void) => () => void;
  /**
   * Asked when a frame comes: true if this frame already has other work (a keystroke's), so the
   * items wait for the next one. Waits at most `maxWaits` frames in a row.
   */
  busy?: () => boolean;
  maxWaits?: number;
}

/**
 * Collects items that arrive between frames (e.g. streamed summaries) and hands them over in one
 * go on a frame, so a burst of host events costs one update, never runs inside a keystroke's
 * input handler, and stays out of a frame that is busy with a keystroke.
 */
export class FrameQueue<T> {
  private pending: T[] = [];
  private cancelScheduled: (() => void) | undefined;
  private waits = 0;
  private readonly schedule: (run: () => void) => () => void;
  private readonly busy: () => boolean;
  private readonly maxWaits: number;

  constructor(
    private readonly flush: (items: T[]) => void,
    options: FrameQueueOptions = {},
  ) {
    this.schedule = options.schedule ?? nextFrame;
    this.busy = options.busy ?? (() => false);
    this.maxWaits = options.maxWaits ?? 3;
  }

  push(items: readonly T[]): void {
    for (const item of items) this.pending.push(item);
    if (this.pending.length > 0 && !this.cancelScheduled) this.cancelScheduled = this.schedule(() => this.onFrame());
  }

  private onFrame(): void {
    if (this.waits < this.maxWaits && this.busy()) {
      this.waits += 1;
      this.cancelScheduled = this.schedule(() => this.onFrame());
      return;
    }
    this.drain();
  }

  /** Hands over what is pending now (e.g. before a read that must see it). */
  drain(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
    this.waits = 0;
    const items = this.pending;
    this.pending = [];
    if (items.length > 0) this.flush(items);
  }

  cancel(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
    this.waits = 0;
    this.pending = [];
  }
}
