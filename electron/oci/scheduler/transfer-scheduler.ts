import { PriorityLanes } from './task-queue';

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
  gone: boolean;
  signal: AbortSignal | undefined;
  start: () => void;
  cancel: (reason: unknown) => void;
}

interface HostState {
  running: number;
  waiting: PriorityLanes<Queued>;
}

/**
 * One scheduler for every transfer (push, pull, copy, catalog classification): a global limit,
 * a per-registry limit, optional priorities, and cancellation that works while a task still waits.
 *
 * Tens of thousands of tasks may wait at once (a catalog open), mostly on one signal: each host
 * has FIFO lanes per priority (O(1) to queue and dequeue), and each signal gets one abort
 * listener for all the tasks waiting on it, never one per task.
 */
export class TransferScheduler {
  private readonly hosts = new Map<string, HostState>();
  /** Tasks waiting per signal, with the one listener that cancels them all. */
  private readonly bySignal = new Map<AbortSignal, { waiting: Set<Queued>; onAbort: () => void }>();
  private running = 0;
  private queued = 0;
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
        gone: false,
        signal,
        start: () => this.execute(entry, task, resolve, reject),
        cancel: reject,
      };
      this.hostOf(entry.host).waiting.push(entry);
      this.queued += 1;
      if (signal) this.watch(signal, entry);
      this.pump();
    });
  }

  /** Tasks running and waiting, overall and per host: for the transfers view and for tests. */
  stats(): { running: number; queued: number; runningByHost: Record<string, number> } {
    const runningByHost: Record<string, number> = {};
    for (const [host, state] of this.hosts) if (state.running > 0) runningByHost[host] = state.running;
    return { running: this.running, queued: this.queued, runningByHost };
  }

  private hostOf(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { running: 0, waiting: new PriorityLanes<Queued>() };
      this.hosts.set(host, state);
    }
    return state;
  }

  private watch(signal: AbortSignal, entry: Queued): void {
    let watched = this.bySignal.get(signal);
    if (!watched) {
      const waiting = new Set<Queued>();
      const onAbort = () => {
        this.bySignal.delete(signal);
        for (const queued of waiting) {
          this.hosts.get(queued.host)?.waiting.drop(queued);
          this.queued -= 1;
          queued.cancel(abortReason(signal));
        }
        waiting.clear();
        this.forgetIdleHosts();
      };
      watched = { waiting, onAbort };
      this.bySignal.set(signal, watched);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    watched.waiting.add(entry);
  }

  private unwatch(entry: Queued): void {
    if (!entry.signal) return;
    const watched = this.bySignal.get(entry.signal);
    if (!watched) return;
    watched.waiting.delete(entry);
    if (watched.waiting.size === 0) {
      entry.signal.removeEventListener('abort', watched.onAbort);
      this.bySignal.delete(entry.signal);
    }
  }

  private execute<T>(entry: Queued, task: Task<T>, resolve: (value: T) => void, reject: (reason: unknown) => void): void {
    const { signal } = entry;
    this.unwatch(entry);
    const host = this.hostOf(entry.host);
    host.running += 1;
    this.running += 1;
    const controller = new AbortController();
    const forward = () => controller.abort(abortReason(signal));
    if (signal?.aborted) forward();
    else signal?.addEventListener('abort', forward, { once: true });
    Promise.resolve()
      .then(() => task(controller.signal))
      .then(resolve, reject)
      .finally(() => {
        signal?.removeEventListener('abort', forward);
        host.running -= 1;
        this.running -= 1;
        this.pump();
      });
  }

  /** Starts waiting tasks while slots are free: looks only at the heads of hosts with a free slot. */
  private pump(): void {
    while (this.running < this.limits.maxConcurrent && this.queued > 0) {
      let best: { state: HostState; head: Queued } | undefined;
      for (const state of this.hosts.values()) {
        if (state.running >= this.limits.maxPerHost || state.waiting.live === 0) continue;
        const head = state.waiting.peek();
        if (!head) continue;
        if (!best || head.priority > best.head.priority || (head.priority === best.head.priority && head.order < best.head.order)) best = { state, head };
      }
      if (!best) break;
      best.state.waiting.shift();
      this.queued -= 1;
      best.head.start();
    }
    this.forgetIdleHosts();
  }

  private forgetIdleHosts(): void {
    if (this.hosts.size < 64) return;
    for (const [host, state] of this.hosts) if (state.running === 0 && state.waiting.live === 0) this.hosts.delete(host);
  }
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('The transfer was cancelled.', 'AbortError');
}
