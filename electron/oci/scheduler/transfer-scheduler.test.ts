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
});
