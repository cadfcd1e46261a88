import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EarlyFlush } from './early-flush';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'early-flush-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('early flushes of a large temp file', () => {
  it('flushes a real file once per threshold, one at a time, and settles before the file closes', async () => {
    const handle = await open(join(dir, 'blob.partial'), 'wx');
    let flushes = 0;
    const counted = { datasync: () => ((flushes += 1), handle.datasync()) };
    const early = new EarlyFlush(counted, 10);
    await handle.write(Buffer.alloc(5));
    early.wrote(5);
    expect(flushes).toBe(0);
    await handle.write(Buffer.alloc(5));
    early.wrote(10);
    early.wrote(25); // one is under way: not another
    expect(flushes).toBe(1);
    await early.settled();
    early.wrote(25);
    expect(flushes).toBe(2);
    await early.settled();
    early.wrote(30); // less than the threshold since the last one
    expect(flushes).toBe(2);
    await handle.close();
  });

  it('ignores a flush that fails (the final fdatasync decides)', async () => {
    const handle = await open(join(dir, 'blob.partial'), 'wx');
    await handle.close();
    const early = new EarlyFlush(handle, 1);
    early.wrote(1);
    await expect(early.settled()).resolves.toBeUndefined();
  });
});
