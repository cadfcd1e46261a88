import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { TransferScheduler } from './transfer-scheduler';

/** A task the test finishes by hand, recording when it started. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  const task = async () => {
    log.push(`start ${name}`);
    await done;
    return name;
  };
  return { task, open };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('TransferScheduler', () => {
  it('never runs more than the global limit at once', async () => {
    const scheduler = new TransferScheduler({ maxConcurrent: 2, maxPerHost: 10 });
    const log: string[] = [];
    const gates = ['a', 'b', 'c', 'd'].map((name) => gate(log, name));
    const results = gates.map((g, i) => scheduler.run({ host: `h${i}` }, g.task));
    await flush();
    expect(log).toEqual(['start a', 'start b']);
    expect(scheduler.stats()).toMatchObject({ running: 2, queued: 2 });
    gates[0]!.open();
    await flush();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    gates.slice(1).forEach((g) => g.open());
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(scheduler.stats()).toEqual({ running: 0, queued: 0, runningByHost: {} });
  });

  it('caps each registry host and lets another host overtake a full one', async () => {
    const scheduler = new TransferScheduler({ maxConcurrent: 3, maxPerHost: 1 });
    const log: string[] = [];
    const a1 = gate(log, 'a1');
    const a2 = gate(log, 'a2');
    const b1 = gate(log, 'b1');
    const runs = [scheduler.run({ host: 'a' }, a1.task), scheduler.run({ host: 'a' }, a2.task), scheduler.run({ host: 'b' }, b1.task)];
    await flush();
    expect(log).toEqual(['start a1', 'start b1']);
    expect(scheduler.stats().runningByHost).toEqual({ a: 1, b: 1 });
    a1.open();
    await flush();
    expect(log).toEqual(['start a1', 'start b1', 'start a2']);
    a2.open();
    b1.open();
    await Promise.all(runs);
  });

  it('runs higher priorities first, equal priorities in order', async () => {
    const scheduler = new TransferScheduler({ maxConcurrent: 1, maxPerHost: 1 });
    const log: string[] = [];
    const first = gate(log, 'first');
    const running = scheduler.run({ host: 'h' }, first.task);
    const later = ['low', 'mid1', 'high', 'mid2'].map((name) => {
      const g = gate(log, name);
      g.open();
      const priority = { low: 0, mid1: 5, high: 9, mid2: 5 }[name];
      return scheduler.run({ host: 'h', priority }, g.task);
    });
    first.open();
    await Promise.all([running, ...later]);
    expect(log).toEqual(['start first', 'start high', 'start mid1', 'start mid2', 'start low']);
  });

  it('drops a queued task whose signal aborts, without running it', async () => {
    const scheduler = new TransferScheduler({ maxConcurrent: 1, maxPerHost: 1 });
    const log: string[] = [];
    const blocker = gate(log, 'blocker');
    const queued = gate(log, 'queued');
    const controller = new AbortController();
    const running = scheduler.run({ host: 'h' }, blocker.task);
    const cancelled = scheduler.run({ host: 'h', signal: controller.signal }, queued.task);
    await flush();
    expect(scheduler.stats().queued).toBe(1);
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(scheduler.stats().queued).toBe(0);
    blocker.open();
    await running;
    expect(log).toEqual(['start blocker']);
  });

  it('passes cancellation to a running task and frees its slot when it fails', async () => {
    const scheduler = new TransferScheduler({ maxConcurrent: 1, maxPerHost: 1 });
    const controller = new AbortController();
    const running = scheduler.run({ host: 'h', signal: controller.signal }, (signal) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    );
    await flush();
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    await expect(scheduler.run({ host: 'h' }, async () => 'next')).resolves.toBe('next');
  });

  it('rejects an already-aborted task and refuses limits below 1', async () => {
    const scheduler = new TransferScheduler({ maxConcurrent: 1, maxPerHost: 1 });
    await expect(scheduler.run({ host: 'h', signal: AbortSignal.abort() }, async () => 1)).rejects.toMatchObject({ name: 'AbortError' });
    expect(() => new TransferScheduler({ maxConcurrent: 0, maxPerHost: 1 })).toThrow(RangeError);
  });

  it('keeps going after a task throws synchronously', async () => {
    const scheduler = new TransferScheduler({ maxConcurrent: 1, maxPerHost: 1 });
    const failing = scheduler.run({ host: 'h' }, () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(scheduler.run({ host: 'h' }, async () => 'ok')).resolves.toBe('ok');
  });

  it('adds one abort listener per signal however many tasks wait on it, and none once they are done', async () => {
    const scheduler = new TransferScheduler({ maxConcurrent: 2, maxPerHost: 2 });
    const controller = new AbortController();
    const log: string[] = [];
    const blockers = [gate(log, 'b1'), gate(log, 'b2')];
    const running = blockers.map((b) => scheduler.run({ host: 'h' }, b.task));
    const waiting = Array.from({ length: 5000 }, (_, i) => scheduler.run({ host: 'h', signal: controller.signal }, async () => i));
    await flush();
    expect(scheduler.stats().queued).toBe(5000);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    blockers.forEach((b) => b.open());
    const results = await Promise.all(waiting);
    await Promise.all(running);
    expect(results[4999]).toBe(4999);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(scheduler.stats()).toEqual({ running: 0, queued: 0, runningByHost: {} });
  });

  it('aborting one signal takes all its waiting tasks out of the queue and leaves the others to run in order', async () => {
    const scheduler = new TransferScheduler({ maxConcurrent: 1, maxPerHost: 1 });
    const log: string[] = [];
    const blocker = gate(log, 'blocker');
    const running = scheduler.run({ host: 'h' }, blocker.task);
    const window = new AbortController();
    const cancelled = Array.from({ length: 1000 }, (_, i) => scheduler.run({ host: 'h', signal: window.signal }, async () => log.push(`cancelled ${i}`)));
    const kept = ['k1', 'k2'].map((name) => scheduler.run({ host: 'h', signal: new AbortController().signal }, async () => log.push(name)));
    await flush();
    expect(scheduler.stats().queued).toBe(1002);
    window.abort();
    const outcomes = await Promise.allSettled(cancelled);
    expect(outcomes.every((o) => o.status === 'rejected' && (o.reason as Error).name === 'AbortError')).toBe(true);
    expect(scheduler.stats().queued).toBe(2);
    blocker.open();
    await Promise.all([running, ...kept]);
    expect(log).toEqual(['start blocker', 'k1', 'k2']);
    expect(getEventListeners(window.signal, 'abort')).toHaveLength(0);
  });

  it('keeps priority order across hosts when the global limit is the one that is full', async () => {
    const scheduler = new TransferScheduler({ maxConcurrent: 1, maxPerHost: 5 });
    const log: string[] = [];
    const first = gate(log, 'first');
    const running = scheduler.run({ host: 'a' }, first.task);
    const later = [
      { name: 'a-low', host: 'a', priority: -1 },
      { name: 'b-low', host: 'b', priority: -1 },
      { name: 'b-high', host: 'b', priority: 3 },
      { name: 'a-mid', host: 'a', priority: 0 },
      { name: 'a-high', host: 'a', priority: 3 },
    ].map(({ name, host, priority }) => scheduler.run({ host, priority }, async () => log.push(name)));
    first.open();
    await Promise.all([running, ...later]);
    expect(log).toEqual(['start first', 'b-high', 'a-high', 'a-mid', 'a-low', 'b-low']);
  });

  it('runs 40,000 queued tasks on one signal to completion, each exactly once, at most the host limit at once', async () => {
    const scheduler = new TransferScheduler({ maxConcurrent: 16, maxPerHost: 8 });
    const controller = new AbortController();
    let now = 0;
    let peak = 0;
    const seen = new Set<number>();
    const runs = Array.from({ length: 40_000 }, (_, i) =>
      scheduler.run({ host: 'registry:5000', signal: controller.signal, priority: i % 2 ? 0 : -1 }, async () => {
        now += 1;
        peak = Math.max(peak, now);
        await Promise.resolve();
        seen.add(i);
        now -= 1;
      }),
    );
    await Promise.all(runs);
    expect(seen.size).toBe(40_000);
    expect(peak).toBe(8);
    expect(scheduler.stats()).toEqual({ running: 0, queued: 0, runningByHost: {} });
  });
});
