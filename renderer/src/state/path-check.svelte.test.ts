import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractError } from '../../../shared/contract';
import { PathCheck } from './path-check.svelte';

interface Answer {
  path: string;
  problem?: string;
}

/** A host whose answers arrive when the test says, in any order. */
function slowHost() {
  const asked: Array<{ path: string; answer: (a: Answer) => void; refuse: (e: Error) => void }> = [];
  const check = new PathCheck<Answer>(
    (path) => new Promise<Answer>((answer, refuse) => asked.push({ path, answer, refuse })),
    (path, problem) => ({ path, problem }),
    250,
  );
  return { check, asked };
}

describe('PathCheck', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks once typing pauses, the path as it is then, trimmed', async () => {
    const { check, asked } = slowHost();
    let path = '/ho';
    check.typed(() => path);
    path = '/home/u/out ';
    check.typed(() => path);
    await vi.runAllTimersAsync();
    expect(asked.map((a) => a.path)).toEqual(['/home/u/out']);
    expect(check.checking).toBe(true);
    asked[0]?.answer({ path: '/home/u/out' });
    await vi.runAllTimersAsync();
    expect(check).toMatchObject({ checking: false, result: { path: '/home/u/out' } });
  });

  it('keeps only the latest answer: a slow one about an older path is dropped', async () => {
    const { check, asked } = slowHost();
    const first = check.now('/a');
    const second = check.now('/b');
    asked[1]?.answer({ path: '/b' });
    await second;
    asked[0]?.answer({ path: '/a' });
    await first;
    expect(check).toMatchObject({ checking: false, result: { path: '/b' } });
  });

  it('a refused check is an answer that names the problem; typing again forgets it', async () => {
    const { check, asked } = slowHost();
    const done = check.now('/x');
    asked[0]?.refuse(new ContractError('denied', 'The folder cannot be written to.'));
    await done;
    expect(check.result).toEqual({ path: '/x', problem: 'The folder cannot be written to.' });
    check.typed(() => '/y');
    expect(check.result).toBeNull();
  });

  it('an answer set from elsewhere, an empty path or stop() drops the running check', async () => {
    const { check, asked } = slowHost();
    const running = check.now('/a');
    check.set({ path: '/a', problem: 'created' });
    asked[0]?.answer({ path: '/a' });
    await running;
    expect(check).toMatchObject({ checking: false, result: { path: '/a', problem: 'created' } });
    void check.now('/b');
    await check.now('   ');
    expect(check.checking).toBe(false);
    check.typed(() => '/c');
    check.stop();
    await vi.runAllTimersAsync();
    expect(asked.map((a) => a.path)).toEqual(['/a', '/b']);
  });
});
