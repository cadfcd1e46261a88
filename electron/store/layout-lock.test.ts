import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from './layout-paths';
import { processAlive, withLayoutLock } from './layout-lock';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layout-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A pid that is not running: the highest pid Linux allows is far above any live one here. */
const DEAD_PID = 4_194_000;

describe('the layout lock', () => {
  it('runs holders one at a time, in order, and leaves no lock file behind', async () => {
    const events: string[] = [];
    const hold = (name: string) =>
      withLayoutLock(dir, async () => {
        events.push(`${name}+`);
        await new Promise((r) => setTimeout(r, 5));
        events.push(`${name}-`);
      });
    await Promise.all([hold('a'), hold('b'), hold('c')]);
    expect(events).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('releases the lock when the work throws', async () => {
    await expect(withLayoutLock(dir, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withLayoutLock(dir, async () => 'next')).toBe('next');
  });

  it('takes over a lock whose process is gone, and sweeps temp files dead processes left', async () => {
    expect(processAlive(DEAD_PID)).toBe(false);
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: DEAD_PID, host: hostname(), token: 'abc', at: Date.now() }));
    await writeFile(join(dir, `${LOCK_FILE}.${DEAD_PID}.0123abcd`), '{}');
    expect(await withLayoutLock(dir, async () => 'got it', { waitMs: 2000 })).toBe('got it');
    expect(await readdir(dir)).toEqual([]);
  });

  it('waits for a live holder and then says the repository is busy', async () => {
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), token: 'someone-else', at: Date.now() }));
    await expect(withLayoutLock(dir, async () => 'never', { waitMs: 100 })).rejects.toThrow(/busy: process \d+ has been writing/);
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
  });

  it('treats a lock older than the stale limit as abandoned even if its pid runs (a reused pid, another machine)', async () => {
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: 'elsewhere', token: 'old', at: 0 }));
    await utimes(join(dir, LOCK_FILE), new Date(0), new Date(0));
    expect(await withLayoutLock(dir, async () => 'taken', { waitMs: 1000, staleMs: 60_000 })).toBe('taken');
  });
});
