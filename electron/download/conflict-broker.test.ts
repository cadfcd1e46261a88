import { describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import { ConflictBroker } from './conflict-broker';

function broker() {
  const asked: Array<{ name: EventName; payload: unknown }> = [];
  const b = new ConflictBroker({ emit: (name, payload) => asked.push({ name, payload }) });
  return { b, asked };
}

describe('ConflictBroker', () => {
  it('uses an answer given up front without asking', async () => {
    const { b, asked } = broker();
    await expect(b.ask('a.txt', { transferId: 't', signal: new AbortController().signal }, 'skip')).resolves.toBe('skip');
    expect(asked).toEqual([]);
  });

  it('asks, waits for the answer and remembers it when told to', async () => {
    const { b, asked } = broker();
    const ctx = { transferId: 't1', signal: new AbortController().signal };
    const first = b.ask('a.txt', ctx, 'ask');
    expect(asked).toEqual([{ name: 'downloads.question', payload: { transferId: 't1', path: 'a.txt' } }]);
    expect(b.waiting('t1')).toBe(true);
    b.answer('t1', 'keep-both', true);
    await expect(first).resolves.toBe('keep-both');
    await expect(b.ask('b.txt', ctx, 'ask')).resolves.toBe('keep-both');
    expect(asked).toHaveLength(1);
  });

  it('asks again when the answer was for one file only', async () => {
    const { b, asked } = broker();
    const ctx = { transferId: 't2', signal: new AbortController().signal };
    const first = b.ask('a.txt', ctx, 'ask');
    b.answer('t2', 'replace', false);
    await first;
    const second = b.ask('b.txt', ctx, 'ask');
    expect(asked).toHaveLength(2);
    b.answer('t2', 'skip', false);
    await expect(second).resolves.toBe('skip');
  });

  it('stops waiting on cancel, and refuses an answer nobody waits for', async () => {
    const { b } = broker();
    const controller = new AbortController();
    const waiting = b.ask('a.txt', { transferId: 't3', signal: controller.signal }, 'ask');
    controller.abort();
    await expect(waiting).rejects.toThrow();
    expect(() => b.answer('t3', 'skip', false)).toThrow(/not waiting for an answer/);
  });
});
