/**
 * Collects keys that changed and hands them over at most once per interval, or at once when a
 * change must not wait (a state change). A burst of progress becomes one event per interval.
 */
export class ChangeThrottle<K> {
  private readonly dirty = new Set<K>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deliver: (keys: K[]) => void,
    private readonly intervalMs = 250,
  ) {}

  mark(key: K, urgent = false): void {
    this.dirty.add(key);
    if (urgent) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.intervalMs);
      this.timer.unref?.();
    }
  }

  /** Forgets a key that must not be delivered any more (a dismissed transfer). */
  forget(key: K): void {
    this.dirty.delete(key);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size === 0) return;
    const keys = [...this.dirty];
    this.dirty.clear();
    this.deliver(keys);
  }
}
