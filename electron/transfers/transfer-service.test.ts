import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, EventSink } from '../../shared/contract';
import { ContractError } from '../../shared/contract/errors';
import type { TransferResult, TransferView } from '../../shared/contract/transfers';
import type { Logger } from '../log/logger';
import { TransferScheduler } from '../oci/scheduler/transfer-scheduler';
import type { TransferContext, TransferJob } from './transfer-job';
import { createTransferService } from './transfer-service';

interface Emitted {
  changed: TransferView[][];
  removed: string[][];
}

function recordingSink(): EventSink & Emitted {
  const sink: Emitted = { changed: [], removed: [] };
  return Object.assign(sink, {
    emit<E extends EventName>(name: E, payload: EventPayload<E>) {
      if (name === 'transfers.changed') sink.changed.push(payload as TransferView[]);
      if (name === 'transfers.removed') sink.removed.push(payload as string[]);
    },
  });
}

const quietLog = (): Logger & { errors: string[]; warnings: string[] } => {
  const errors: string[] = [];
  const warnings: string[] = [];
  return { errors, warnings, debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: (m, e) => errors.push(`${m}: ${String(e)}`) };
};

/** A job the test drives by hand: `runs` holds each run's context and how to end it. */
function handJob(items = [{ id: 'a', name: 'a.txt', size: 100 }, { id: 'b', name: 'b.txt', size: 300 }]) {
  const runs: { ctx: TransferContext; finish: (result?: TransferResult) => void; fail: (error: unknown) => void }[] = [];
  const cleanup = vi.fn(async () => undefined);
  const job: TransferJob = {
    kind: 'publish',
    title: 'Publish 2 files',
    registryId: 'r1',
    repository: 'docs',
    items,
    run: (ctx) =>
      new Promise<TransferResult>((resolve, reject) => {
        runs.push({ ctx, finish: (result = { digest: 'sha256:x' }) => resolve(result), fail: reject });
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
      }),
    cleanup,
  };
  return { job, runs, cleanup };
}

function setup(options: { maxRunning?: number; now?: () => number } = {}) {
  const events = recordingSink();
  const log = quietLog();
  const service = createTransferService({ events, scheduler: new TransferScheduler({ maxConcurrent: 4, maxPerHost: 2 }), logger: log, ...options });
  const view = (id: string) => service.queue.view(id) as TransferView;
  return { events, log, service, view, h: service.handlers, signal: new AbortController().signal };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('transfer queue state machine', () => {
  it('goes queued → running → done with the job result, items and totals', async () => {
    const { service, view, events } = setup();
    const { job, runs } = handJob();
    const id = service.queue.enqueue(job);
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(view(id)).toMatchObject({ state: 'running', totalBytes: 400, bytes: 0, itemCount: 2, counts: { waiting: 2 }, canCancel: true, canRetry: false });
    const run = runs[0]!;
    expect(run.ctx.attempt).toBe(1);
    run.ctx.item('a').start();
    run.ctx.item('a').progress(60);
    run.ctx.item('a').finish('done');
    run.ctx.item('b').start();
    run.ctx.item('b').finish('exists');
    run.finish({ digest: 'sha256:abc', reference: 'h/docs@sha256:abc' });
    await service.queue.settled(id);
    expect(view(id)).toMatchObject({
      state: 'done',
      bytes: 400,
      counts: { done: 1, exists: 1 },
      result: { digest: 'sha256:abc' },
      canCancel: false,
      canRetry: false,
      bytesPerSecond: 0,
    });
    expect(view(id).finishedAt).toBeDefined();
    // one event at least for each state the transfer went through
    const states = events.changed.flat().filter((v) => v.id === id).map((v) => v.state);
    expect(states[0]).toBe('queued');
    expect(states).toContain('running');
    expect(states.at(-1)).toBe('done');
  });

  it('runs two transfers at once; the third waits queued and starts when one ends', async () => {
    const { service, view } = setup();
    const jobs = [handJob(), handJob(), handJob()];
    const ids = jobs.map((j) => service.queue.enqueue(j.job));
    expect(ids.map((id) => view(id).state)).toEqual(['running', 'running', 'queued']);
    expect(jobs[2]!.runs).toHaveLength(0);
    jobs[0]!.runs[0]!.finish();
    await service.queue.settled(ids[0]!);
    await tick();
    expect(view(ids[2]!).state).toBe('running');
    expect(jobs[2]!.runs).toHaveLength(1);
  });

  it('cancel of a running transfer aborts its signal, ends unfinished items and calls cleanup', async () => {
    const { service, view, h, signal } = setup();
    const { job, runs, cleanup } = handJob();
    const id = service.queue.enqueue(job);
    runs[0]!.ctx.item('a').start();
    runs[0]!.ctx.item('a').progress(10);
    await h['transfers.cancel']({ id }, { signal });
    expect(runs[0]!.ctx.signal.aborted).toBe(true);
    expect(view(id).canCancel).toBe(false);
    await service.queue.settled(id);
    expect(cleanup).toHaveBeenCalledOnce();
    expect(view(id)).toMatchObject({ state: 'cancelled', counts: { cancelled: 2 }, canRetry: true });
    expect(view(id).error).toBeUndefined();
  });

  it('cancel of a queued transfer never runs the job', async () => {
    const { service, view, h, signal } = setup({ maxRunning: 1 });
    const first = handJob();
    const second = handJob();
    service.queue.enqueue(first.job);
    const id = service.queue.enqueue(second.job);
    await h['transfers.cancel']({ id }, { signal });
    await service.queue.settled(id);
    expect(view(id).state).toBe('cancelled');
    expect(second.cleanup).toHaveBeenCalledOnce();
    first.runs[0]!.finish();
    await tick();
    expect(second.runs).toHaveLength(0);
  });

  it('retry runs the job again with attempt 2; items that landed stay, the rest wait from zero', async () => {
    const { service, view, h, signal } = setup();
    const { job, runs } = handJob();
    const id = service.queue.enqueue(job);
    runs[0]!.ctx.item('a').start();
    runs[0]!.ctx.item('a').finish('done');
    runs[0]!.ctx.item('b').start();
    runs[0]!.ctx.item('b').progress(120);
    runs[0]!.fail(new ContractError('network', 'The registry could not be reached.'));
    await service.queue.settled(id);
    expect(view(id)).toMatchObject({ state: 'failed', bytes: 220, counts: { done: 1, failed: 1 }, error: { code: 'network' }, canRetry: true });
    await h['transfers.retry']({ id }, { signal });
    expect(view(id)).toMatchObject({ state: 'running', bytes: 100, counts: { done: 1, waiting: 1 } });
    expect(view(id).error).toBeUndefined();
    const second = runs[1]!;
    expect(second.ctx.attempt).toBe(2);
    expect(second.ctx.item('a').state).toBe('done');
    expect(second.ctx.item('b').state).toBe('waiting');
    second.finish();
    await service.queue.settled(id);
    expect(view(id).state).toBe('done');
    await expect(h['transfers.retry']({ id }, { signal })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('a ContractError reaches the view as is; anything else becomes an internal message and goes to the log', async () => {
    const { service, view, log } = setup();
    const plain = handJob();
    const id = service.queue.enqueue(plain.job);
    plain.runs[0]!.fail(new Error('ENOSPC at /secret/path'));
    await service.queue.settled(id);
    expect(view(id).error).toEqual({ code: 'internal', message: 'The transfer stopped on an unexpected error; the log has the details.' });
    expect(log.errors.join('\n')).toContain('ENOSPC');
    const refused = handJob();
    const id2 = service.queue.enqueue(refused.job);
    refused.runs[0]!.fail(new ContractError('denied', 'The registry refused the push.'));
    await service.queue.settled(id2);
    expect(view(id2).error).toEqual({ code: 'denied', message: 'The registry refused the push.' });
  });

  it('dismiss removes a finished transfer and says so; a running one must be cancelled first', async () => {
    const { service, h, events, signal } = setup();
    const { job, runs } = handJob();
    const id = service.queue.enqueue(job);
    await expect(h['transfers.dismiss']({ id }, { signal })).rejects.toMatchObject({ code: 'invalid-input' });
    runs[0]!.finish();
    await service.queue.settled(id);
    await h['transfers.dismiss']({ id }, { signal });
    expect(events.removed).toEqual([[id]]);
    expect(await h['transfers.list']({}, { signal })).toEqual([]);
    await expect(h['transfers.items']({ id, offset: 0, limit: 10 }, { signal })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('lists newest first', async () => {
    const { service, h, signal } = setup();
    const a = service.queue.enqueue(handJob().job);
    const b = service.queue.enqueue(handJob().job);
    expect((await h['transfers.list']({}, { signal })).map((v) => v.id)).toEqual([b, a]);
  });
});

describe('transfer queue events', () => {
  it('throttles progress to a few events a second per transfer, but always sends a state change at once', async () => {
    vi.useFakeTimers();
    const { service, events } = setup();
    const { job, runs } = handJob([{ id: 'big', name: 'big.bin', size: 1_000_000 }]);
    const id = service.queue.enqueue(job);
    const item = runs[0]!.ctx.item('big');
    item.start();
    const before = events.changed.length;
    // 1,000 progress reports over 2 seconds
    for (let i = 1; i <= 1000; i++) {
      item.progress(i * 900);
      vi.advanceTimersByTime(2);
    }
    const during = events.changed.length - before;
    expect(during).toBeGreaterThanOrEqual(7);
    expect(during).toBeLessThanOrEqual(9);
    item.finish('done');
    runs[0]!.finish();
    await vi.runAllTimersAsync();
    const last = events.changed.at(-1)!.find((v) => v.id === id);
    expect(last?.state).toBe('done');
  });
});

describe('transfer queue speed and time left', () => {
  it('smooths the speed over the last seconds and derives the time left from it', async () => {
    let clock = 1_000_000;
    const { service, view } = setup({ now: () => clock });
    const { job, runs } = handJob([{ id: 'f', name: 'f.bin', size: 100_000_000 }]);
    const id = service.queue.enqueue(job);
    const item = runs[0]!.ctx.item('f');
    item.start();
    // 10 MB/s for 4 s, in 100 ms steps
    for (let t = 1; t <= 40; t++) {
      clock += 100;
      item.progress(t * 1_000_000);
    }
    const steady = view(id);
    expect(steady.bytesPerSecond).toBeGreaterThan(9_000_000);
    expect(steady.bytesPerSecond).toBeLessThan(11_000_000);
    expect(steady.secondsLeft).toBeGreaterThanOrEqual(6);
    expect(steady.secondsLeft).toBeLessThanOrEqual(7);
    // then nothing for longer than the window: idle reads as 0, no time left guess
    clock += 6_000;
    expect(view(id).bytesPerSecond).toBe(0);
    expect(view(id).secondsLeft).toBeUndefined();
  });

  it('bytes found in place (exists, mounted) count as done but not as speed', () => {
    let clock = 5_000;
    const { service, view } = setup({ now: () => clock });
    const { job, runs } = handJob([{ id: 'x', name: 'x', size: 50_000_000 }, { id: 'y', name: 'y', size: 1000 }]);
    const id = service.queue.enqueue(job);
    runs[0]!.ctx.item('x').start();
    clock += 500;
    runs[0]!.ctx.item('x').finish('exists');
    expect(view(id).bytes).toBe(50_000_000);
    expect(view(id).bytesPerSecond).toBe(0);
  });
});

describe('transfer queue with many items', () => {
  it('10,000 items: the view carries a window of 50 (running, failed, then the rest) and paging reaches all', async () => {
    const { service, view, h, signal } = setup();
    const items = Array.from({ length: 10_000 }, (_, i) => ({ id: `i${i}`, name: `file-${i}.txt`, size: 10 }));
    const { job, runs } = handJob(items);
    const id = service.queue.enqueue(job);
    const ctx = runs[0]!.ctx;
    for (let i = 0; i < 9_000; i++) {
      ctx.item(`i${i}`).start();
      ctx.item(`i${i}`).finish('done');
    }
    ctx.item('i9500').start();
    ctx.item('i9999').start();
    ctx.item('i9999').finish('failed', 'unreadable');
    const v = view(id);
    expect(v.items).toHaveLength(50);
    expect(v.items.slice(0, 2).map((i) => [i.id, i.state])).toEqual([
      ['i9500', 'running'],
      ['i9999', 'failed'],
    ]);
    expect(v.items[1]?.note).toBe('unreadable');
    expect(v.items[2]?.id).toBe('i0');
    expect(v).toMatchObject({ itemCount: 10_000, counts: { done: 9_000, running: 1, failed: 1, waiting: 998 }, bytes: 90_000, totalBytes: 100_000 });
    // the serialised view stays small however many items there are
    expect(JSON.stringify(v).length).toBeLessThan(10_000);
    const page = await h['transfers.items']({ id, offset: 9_990, limit: 500 }, { signal });
    expect(page.total).toBe(10_000);
    expect(page.items.map((i) => i.id)).toEqual(Array.from({ length: 10 }, (_, k) => `i${9_990 + k}`));
    // a page is a copy: changing it changes nothing in the queue
    page.items[0]!.state = 'done';
    expect((await h['transfers.items']({ id, offset: 9_990, limit: 1 }, { signal })).items[0]?.state).toBe('waiting');
  });

  it('a job can add items it learns while running; adding a known id again returns the same item', async () => {
    const { service, view } = setup();
    const { job, runs } = handJob([]);
    const id = service.queue.enqueue(job);
    const handle = runs[0]!.ctx.addItem({ id: 'late', name: 'late.bin', size: 5 });
    handle.start();
    handle.progress(3);
    expect(runs[0]!.ctx.addItem({ id: 'late', name: 'late.bin', size: 5 }).state).toBe('running');
    expect(view(id)).toMatchObject({ itemCount: 1, totalBytes: 5, bytes: 3 });
    expect(() => runs[0]!.ctx.item('nope')).toThrow(/no item/);
  });
});
