/** A first-in first-out queue with O(1) push and shift (an array with a moving head). */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head += 1;
    // Reclaim the consumed front once it is most of the array (amortised O(1)).
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

interface Entry {
  priority: number;
  order: number;
  /** Set when the entry left the queue another way (aborted): skipped when reached. */
  gone: boolean;
}

/**
 * The tasks waiting for one host: one FIFO per priority, highest priority first. Removal of an
 * aborted entry is lazy (it is marked gone and skipped), so nothing ever scans the queue.
 */
export class PriorityLanes<E extends Entry> {
  private readonly lanes = new Map<number, Fifo<E>>();
  /** Priorities with a lane, high → low (a handful in practice). */
  private priorities: number[] = [];
  /** Entries waiting and not gone. */
  live = 0;

  push(entry: E): void {
    let lane = this.lanes.get(entry.priority);
    if (!lane) {
      lane = new Fifo<E>();
      this.lanes.set(entry.priority, lane);
      this.priorities = [...this.priorities, entry.priority].sort((a, b) => b - a);
    }
    lane.push(entry);
    this.live += 1;
  }

  /** Marks an entry as no longer waiting. */
  drop(entry: E): void {
    if (entry.gone) return;
    entry.gone = true;
    this.live -= 1;
  }

  /** The next entry to run, without taking it. */
  peek(): E | undefined {
    while (this.priorities.length > 0) {
      const priority = this.priorities[0] as number;
      const lane = this.lanes.get(priority) as Fifo<E>;
      while (lane.size > 0 && lane.peek()?.gone) lane.shift();
      const head = lane.peek();
      if (head) return head;
      // An empty lane goes, so many distinct priorities over time do not pile up.
      this.lanes.delete(priority);
      this.priorities = this.priorities.slice(1);
    }
    return undefined;
  }

  shift(): E | undefined {
    const head = this.peek();
    if (!head) return undefined;
    (this.lanes.get(head.priority) as Fifo<E>).shift();
    head.gone = true;
    this.live -= 1;
    return head;
  }
}
