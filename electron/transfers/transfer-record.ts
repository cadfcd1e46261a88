import type { ErrorPayload } from '../../shared/contract/errors';
import type { TransferItemState, TransferResult, TransferState, TransferView } from '../../shared/contract/transfers';
import { ItemList } from './item-list';
import { SpeedMeter } from './speed-meter';
import type { TransferItemHandle, TransferItemSpec, TransferJob } from './transfer-job';

const FINISHED: ReadonlySet<TransferState> = new Set(['done', 'failed', 'cancelled']);

/** One transfer's state, items and progress; the service decides when it runs and tells the world. */
export class TransferRecord {
  state: TransferState = 'queued';
  attempt = 0;
  readonly items = new ItemList();
  readonly meter: SpeedMeter;
  readonly createdAt: string;
  finishedAt: string | undefined;
  result: TransferResult | undefined;
  error: ErrorPayload | undefined;
  controller: AbortController | undefined;
  /** Set once cancel is asked, so a job slow to stop is not cancelled twice. */
  cancelling = false;
  private ended: { promise: Promise<void>; resolve: () => void };

  constructor(
    readonly id: string,
    readonly job: TransferJob,
    private readonly now: () => number,
    /** Called on every change; `urgent` for a state change. */
    private readonly changed: (record: TransferRecord, urgent: boolean) => void,
  ) {
    this.meter = new SpeedMeter(now);
    this.createdAt = new Date(now()).toISOString();
    this.ended = deferred();
    for (const spec of job.items) this.items.add(spec);
  }

  get finished(): boolean {
    return FINISHED.has(this.state);
  }

  settled(): Promise<void> {
    return this.ended.promise;
  }

  /** queued → running (first run or retry). */
  begin(): AbortController {
    this.state = 'running';
    this.attempt += 1;
    this.cancelling = false;
    this.error = undefined;
    this.result = undefined;
    this.finishedAt = undefined;
    this.controller = new AbortController();
    this.changed(this, true);
    return this.controller;
  }

  /** A finished transfer queued again by retry: what did not land waits from zero. */
  requeue(): void {
    this.items.resetUnlanded();
    this.meter.reset();
    this.state = 'queued';
    this.error = undefined;
    this.finishedAt = undefined;
    this.ended = deferred();
    this.changed(this, true);
  }

  end(state: 'done' | 'failed' | 'cancelled', outcome: { result?: TransferResult; error?: ErrorPayload } = {}): void {
    if (state !== 'done') this.items.endUnfinished(state === 'failed' ? 'failed' : 'cancelled');
    this.state = state;
    this.result = outcome.result;
    this.error = outcome.error;
    this.finishedAt = new Date(this.now()).toISOString();
    this.controller = undefined;
    this.meter.reset();
    this.changed(this, true);
    this.ended.resolve();
  }

  /** The handle a job reports one item through. */
  handle(spec: TransferItemSpec): TransferItemHandle {
    const item = this.items.add(spec);
    const live = () => this.state === 'running';
    return {
      get state(): TransferItemState {
        return item.state;
      },
      start: () => {
        if (!live() || item.state === 'running') return;
        this.items.setState(item, 'running');
        this.changed(this, false);
      },
      progress: (bytes) => {
        if (!live() || item.state !== 'running') return;
        this.meter.add(this.items.setBytes(item, bytes));
        this.changed(this, false);
      },
      finish: (state, note) => {
        if (!live()) return;
        // Bytes found in place (exists, mounted) count as done but never as speed.
        if (state === 'done' || state === 'exists' || state === 'mounted') {
          const added = this.items.setBytes(item, item.size);
          if (state === 'done') this.meter.add(added);
        }
        this.items.setState(item, state, note);
        this.changed(this, false);
      },
    };
  }

  view(): TransferView {
    const running = this.state === 'running';
    const rate = running ? this.meter.bytesPerSecond() : 0;
    const remaining = this.items.totalBytes - this.items.bytes;
    const secondsLeft = running && rate > 0 ? Math.ceil(remaining / rate) : undefined;
    const { job } = this;
    return {
      id: this.id,
      kind: job.kind,
      title: job.title,
      ...(job.registryId !== undefined ? { registryId: job.registryId } : {}),
      ...(job.repository !== undefined ? { repository: job.repository } : {}),
      state: this.state,
      bytes: this.items.bytes,
      totalBytes: this.items.totalBytes,
      bytesPerSecond: rate,
      ...(secondsLeft !== undefined ? { secondsLeft } : {}),
      createdAt: this.createdAt,
      ...(this.finishedAt !== undefined ? { finishedAt: this.finishedAt } : {}),
      itemCount: this.items.size,
      counts: this.items.countsView(),
      items: this.items.window(),
      ...(this.result !== undefined ? { result: this.result } : {}),
      ...(this.error !== undefined ? { error: this.error } : {}),
      canCancel: (this.state === 'queued' || this.state === 'running') && !this.cancelling,
      canRetry: this.state === 'failed' || this.state === 'cancelled',
    };
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
