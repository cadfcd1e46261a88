import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { digestOf } from '../../oci';
import { DigestCache } from './digest-cache';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'digest-cache-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const entry = (text: string) => ({ digest: digestOf(Buffer.from(text)), bytes: Buffer.from(text) });

describe('DigestCache', () => {
  it('keeps entries on disk under <algorithm>/<hex> and reads them back in a new instance', async () => {
    const dir = await tempDir();
    const a = entry('manifest a');
    await new DigestCache(dir, { maxBytes: 1024, maxMemoryEntries: 10 }).put(a.digest, a.bytes);
    expect(await readdir(join(dir, 'sha256'))).toEqual([a.digest.slice(7)]);
    const again = new DigestCache(dir, { maxBytes: 1024, maxMemoryEntries: 10 });
    expect((await again.get(a.digest))?.toString()).toBe('manifest a');
  });

  it('keeps an entry put memory-only in memory and writes no file for it', async () => {
    const dir = await tempDir();
    const a = entry('a manifest from Local');
    const cache = new DigestCache(dir, { maxBytes: 1024, maxMemoryEntries: 10 });
    await cache.put(a.digest, a.bytes, true);
    expect((await cache.get(a.digest))?.toString()).toBe('a manifest from Local');
    expect(await readdir(dir)).toEqual([]);
    expect(await new DigestCache(dir, { maxBytes: 1024, maxMemoryEntries: 10 }).get(a.digest)).toBeUndefined();
  });

  it('evicts the least recently used entries once the total passes the bound', async () => {
    const dir = await tempDir();
    const cache = new DigestCache(dir, { maxBytes: 250, maxMemoryEntries: 1 });
    const items = ['a', 'b', 'c'].map((c) => entry(c.repeat(100)));
    await cache.put(items[0]!.digest, items[0]!.bytes);
    await cache.put(items[1]!.digest, items[1]!.bytes);
    await cache.get(items[0]!.digest); // a is now more recent than b
    await cache.put(items[2]!.digest, items[2]!.bytes);
    const usage = await cache.usage();
    expect(usage.bytes).toBeLessThanOrEqual(250);
    expect(usage.entries).toBe(2);
    const fresh = new DigestCache(dir, { maxBytes: 250, maxMemoryEntries: 1 });
    expect(await fresh.get(items[1]!.digest)).toBeUndefined();
    expect((await fresh.get(items[0]!.digest))?.length).toBe(100);
    expect((await fresh.get(items[2]!.digest))?.length).toBe(100);
  });

  it('ignores names that are not digests, removes stale temp files, and refuses non-digest keys', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'sha256'), { recursive: true });
    await writeFile(join(dir, 'sha256', 'not-a-digest'), 'x');
    await writeFile(join(dir, 'sha256', 'abc.123.tmp'), 'x');
    const cache = new DigestCache(dir, { maxBytes: 1024, maxMemoryEntries: 10 });
    expect(await cache.usage()).toEqual({ bytes: 0, entries: 0 });
    expect(await readdir(join(dir, 'sha256'))).toEqual(['not-a-digest']);
    await cache.put('../../etc/passwd', Buffer.from('x'));
    expect(await cache.get('../../etc/passwd')).toBeUndefined();
  });

  it('forgets a deleted entry on disk and in memory', async () => {
    const dir = await tempDir();
    const cache = new DigestCache(dir, { maxBytes: 1024, maxMemoryEntries: 10 });
    const a = entry('gone soon');
    await cache.put(a.digest, a.bytes);
    await cache.delete(a.digest);
    expect(await cache.get(a.digest)).toBeUndefined();
    expect(await cache.usage()).toEqual({ bytes: 0, entries: 0 });
  });

  it('makes its shard folder again when it was removed after the first write', async () => {
    const dir = await tempDir();
    const cache = new DigestCache(dir, { maxBytes: 1024, maxMemoryEntries: 1 });
    const [a, b] = [entry('first'), entry('second')];
    await cache.put(a.digest, a.bytes);
    await rm(join(dir, 'sha256'), { recursive: true });
    await cache.put(b.digest, b.bytes);
    expect(await readdir(join(dir, 'sha256'))).toEqual([b.digest.slice(7)]);
    expect((await new DigestCache(dir, { maxBytes: 1024, maxMemoryEntries: 1 }).get(b.digest))?.toString()).toBe('second');
  });
});
