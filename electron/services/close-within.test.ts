import { describe, expect, it } from 'vitest';
import { closeWithin } from './close-within';

describe('closeWithin', () => {
  it('resolves when the closing work is done, without calling onLate', async () => {
    const late: string[] = [];
    await closeWithin(Promise.resolve(), 60_000, () => late.push('late'));
    expect(late).toEqual([]);
  });

  it('goes on after the time-out when the closing work never ends, and says so once', async () => {
    const late: string[] = [];
    await closeWithin(new Promise<void>(() => undefined), 10, () => late.push('late'));
    expect(late).toEqual(['late']);
  });
});
