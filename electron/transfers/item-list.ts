import type { TransferItemState, TransferItemView } from '../../shared/contract/transfers';
import type { TransferItemSpec } from './transfer-job';

/** At most this many items travel with each transfer view; `transfers.items` pages through the rest. */
export const ITEM_WINDOW = 50;

/** States in which an item's bytes are where they should be: a retry leaves them alone. */
export const LANDED: ReadonlySet<TransferItemState> = new Set(['done', 'exists', 'mounted', 'skipped']);

/**
 * The items of one transfer, kept once (views copy at most a window of them): states counted as
 * they change, running and failed items tracked so the window never scans ten thousand items.
 */
export class ItemList {
  private readonly order: TransferItemView[] = [];
  private readonly byId = new Map<string, TransferItemView>();
  private readonly running = new Set<TransferItemView>();
  private readonly failed = new Set<TransferItemView>();
  private readonly counts = new Map<TransferItemState, number>();
  bytes = 0;
  totalBytes = 0;

  get size(): number {
    return this.order.length;
  }

  /** Adds an item, or returns the one with that id (a retry re-adding what it learnt). */
  add(spec: TransferItemSpec): TransferItemView {
    const known = this.byId.get(spec.id);
    if (known) return known;
    const size = Number.isSafeInteger(spec.size) && spec.size > 0 ? spec.size : 0;
    const item: TransferItemView = { id: spec.id, name: spec.name, size, bytes: 0, state: 'waiting', ...(spec.digest ? { digest: spec.digest } : {}) };
    this.order.push(item);
    this.byId.set(item.id, item);
    this.totalBytes += size;
    this.count('waiting', 1);
    return item;
  }

  get(id: string): TransferItemView | undefined {
    return this.byId.get(id);
  }

  /** Sets an item's byte count (clamped to its size); returns how many bytes that added. */
  setBytes(item: TransferItemView, bytes: number): number {
    const next = Math.min(Math.max(Number.isFinite(bytes) ? Math.floor(bytes) : 0, 0), item.size);
    const delta = next - item.bytes;
    item.bytes = next;
    this.bytes += delta;
    return delta;
  }

  setState(item: TransferItemView, state: TransferItemState, note?: string): void {
    if (item.state !== state) {
      this.count(item.state, -1);
      this.count(state, 1);
      this.track(item, item.state, false);
      this.track(item, state, true);
      item.state = state;
    }
    if (note === undefined) delete item.note;
    else item.note = note;
  }

  /** Ends every item still waiting or running (a cancel, a failure) in `state`. */
  endUnfinished(state: 'cancelled' | 'failed', note?: string): void {
    for (const item of [...this.running]) this.setState(item, state, note);
    if ((this.counts.get('waiting') ?? 0) === 0) return;
    for (const item of this.order) if (item.state === 'waiting') this.setState(item, 'cancelled');
  }

  /** Before a retry: whatever did not land waits again, from zero bytes. */
  resetUnlanded(): void {
    for (const item of this.order) {
      if (LANDED.has(item.state)) continue;
      this.setBytes(item, 0);
      this.setState(item, 'waiting');
    }
  }

  countsView(): Partial<Record<TransferItemState, number>> {
    const view: Partial<Record<TransferItemState, number>> = {};
    for (const [state, n] of this.counts) if (n > 0) view[state] = n;
    return view;
  }

  /** Running items, then failed ones, then the rest in order: at most `limit`, copied. */
  window(limit = ITEM_WINDOW): TransferItemView[] {
    const out: TransferItemView[] = [];
    for (const item of this.running) {
      if (out.length >= limit) return out;
      out.push({ ...item });
    }
    for (const item of this.failed) {
      if (out.length >= limit) return out;
      out.push({ ...item });
    }
    for (const item of this.order) {
      if (out.length >= limit) break;
      if (item.state !== 'running' && item.state !== 'failed') out.push({ ...item });
    }
    return out;
  }

  /** Items in their own order, for `transfers.items`. */
  page(offset: number, limit: number): TransferItemView[] {
    return this.order.slice(offset, offset + limit).map((item) => ({ ...item }));
  }

  private count(state: TransferItemState, by: number): void {
    this.counts.set(state, (this.counts.get(state) ?? 0) + by);
  }

  private track(item: TransferItemView, state: TransferItemState, on: boolean): void {
    const set = state === 'running' ? this.running : state === 'failed' ? this.failed : undefined;
    if (!set) return;
    if (on) set.add(item);
    else set.delete(item);
  }
}
