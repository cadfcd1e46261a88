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

/**
 * Collects items that arrive between frames (e.g. streamed summaries) and hands them over in one
 * go on the next frame, so a burst of host events costs one update and never runs inside a
 * keystroke's input handler.
 */
export class FrameQueue<T> {
  private pending: T[] = [];
  private cancelScheduled: (() => void) | undefined;

  constructor(
    private readonly flush: (items: T[]) => void,
    private readonly schedule: (run: () => void) => () => void = nextFrame,
  ) {}

  push(items: readonly T[]): void {
    for (const item of items) this.pending.push(item);
    if (this.pending.length > 0 && !this.cancelScheduled) this.cancelScheduled = this.schedule(() => this.drain());
  }

  /** Hands over what is pending now (e.g. before a read that must see it). */
  drain(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
    const items = this.pending;
    this.pending = [];
    if (items.length > 0) this.flush(items);
  }

  cancel(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
    this.pending = [];
  }
}
