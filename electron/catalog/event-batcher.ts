/**
 * Streams items to the renderer in batches: a batch leaves as soon as it is full, or shortly
 * after its first item, so results appear as they are ready without one event per row.
 */
export class EventBatcher<T> {
  private items: T[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly emit: (items: T[]) => void,
    private readonly maxItems = 200,
    private readonly maxDelayMs = 50,
  ) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.maxItems) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.items.length === 0) return;
    const batch = this.items;
    this.items = [];
    this.emit(batch);
  }
}
