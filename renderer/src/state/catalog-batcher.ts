/**
 * Collects names per registry and hands them over in batches after a short quiet time, so a
 * scrolling list asks the main process once rather than per row.
 */
export class Batcher {
  private pending = new Map<string, Set<string>>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly flush: (registryId: string, names: string[]) => void,
    private readonly delayMs = 80,
    private readonly maxBatch = 500,
  ) {}

  add(registryId: string, name: string): void {
    let set = this.pending.get(registryId);
    if (!set) this.pending.set(registryId, (set = new Set()));
    set.add(name);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.drain(), this.delayMs);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.pending.clear();
  }

  private drain(): void {
    const pending = this.pending;
    this.pending = new Map();
    for (const [registryId, names] of pending) {
      const list = [...names];
      for (let i = 0; i < list.length; i += this.maxBatch) this.flush(registryId, list.slice(i, i + this.maxBatch));
    }
  }
}
