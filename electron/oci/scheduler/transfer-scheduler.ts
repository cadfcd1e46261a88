export interface SchedulerLimits {
  /** Tasks running at once, across all registries. */
  maxConcurrent: number;
  /** Tasks running at once against one registry host. */
  maxPerHost: number;
}

export interface TaskOptions {
  /** Registry host (`host[:port]`) the task talks to; the per-host limit is keyed by it. */
  host: string;
  /** Higher runs first; equal priorities run in submission order. Default 0. */
  priority?: number;
  /** Aborting a queued task removes it from the queue; a running task sees the signal it is given. */
  signal?: AbortSignal;
}

export type Task<T> = (signal: AbortSignal) => Promise<T>;

interface Queued {
  host: string;
  priority: number;
  order: number;
  start: () => void;
  cancel: (reason: unknown) => void;
}

/**
 * One scheduler for every transfer (push, pull, copy, catalog classification): a global limit,
 * a per-registry limit, optional priorities, and cancellation that works while a task still waits.
 */
export class TransferScheduler {
  private readonly queue: Queued[] = [];
  private readonly runningByHost = new Map<string, number>();
  private running = 0;
  private submitted = 0;

  constructor(private readonly limits: SchedulerLimits) {
    if (!(limits.maxConcurrent >= 1) || !(limits.maxPerHost >= 1)) throw new RangeError('scheduler limits must be at least 1');
  }

  /** Runs `task` when a slot is free for its host; resolves or rejects with the task's outcome. */
  run<T>(options: TaskOptions, task: Task<T>): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<T>((resolve, reject) => {
      const entry: Queued = {
        host: options.host,
        priority: options.priority ?? 0,
        order: this.submitted++,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.begin(entry.host);
          const controller = new AbortController();
          const forward = () => controller.abort(abortReason(signal));
          if (signal?.aborted) forward();
          else signal?.addEventListener('abort', forward, { once: true });
          Promise.resolve()
            .then(() => task(controller.signal))
            .then(resolve, reject)
            .finally(() => {
              signal?.removeEventListener('abort', forward);
              this.end(entry.host);
            });
        },
        cancel: reject,
      };
      const onAbort = () => {
        const index = this.queue.indexOf(entry);
        if (index >= 0) {
          this.queue.splice(index, 1);
          entry.cancel(abortReason(signal));
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.enqueue(entry);
      this.pump();
    });
  }

  /** Tasks running and waiting, overall and per host: for the transfers view and for tests. */
  stats(): { running: number; queued: number; runningByHost: Record<string, number> } {
    return { running: this.running, queued: this.queue.length, runningByHost: Object.fromEntries(this.runningByHost) };
  }

  private enqueue(entry: Queued): void {
    // keep the queue sorted: priority high→low, then submission order
    let index = this.queue.length;
    while (index > 0) {
      const before = this.queue[index - 1] as Queued;
      if (before.priority >= entry.priority) break;
      index -= 1;
    }
    this.queue.splice(index, 0, entry);
  }

  private pump(): void {
    for (let index = 0; index < this.queue.length && this.running < this.limits.maxConcurrent; ) {
      const entry = this.queue[index] as Queued;
      if ((this.runningByHost.get(entry.host) ?? 0) >= this.limits.maxPerHost) {
        index += 1; // this host is full: let a task for another host overtake
        continue;
      }
      this.queue.splice(index, 1);
      entry.start();
    }
  }

  private begin(host: string): void {
    this.running += 1;
    this.runningByHost.set(host, (this.runningByHost.get(host) ?? 0) + 1);
  }

  private end(host: string): void {
    this.running -= 1;
    const left = (this.runningByHost.get(host) ?? 1) - 1;
    if (left === 0) this.runningByHost.delete(host);
    else this.runningByHost.set(host, left);
    this.pump();
  }
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('The transfer was cancelled.', 'AbortError');
}
