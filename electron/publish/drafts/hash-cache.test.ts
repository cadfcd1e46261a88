import { createHash } from 'node:crypto';
import { lstat, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashCache } from './hash-cache';

let dir: string;
const sha = (data: string | Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publish-hash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('HashCache', () => {
  it('hashes small and streamed large files; remembers by path + size + mtime, so a rewritten file is hashed again', async () => {
    const cache = new HashCache();
    const small = join(dir, 'small.txt');
    await writeFile(small, 'one');
    await utimes(small, 1000, 1000);
    expect(await cache.hash(small, 'small.txt')).toEqual({ digest: sha('one'), size: 3 });
    // same size and time, other bytes: the cache answers (what "unchanged" means for a preview)
    await writeFile(small, 'two');
    await utimes(small, 1000, 1000);
    expect((await cache.hash(small, 'small.txt')).digest).toBe(sha('one'));
    await utimes(small, 2000, 2000);
    expect((await cache.hash(small, 'small.txt')).digest).toBe(sha('two'));
    const large = join(dir, 'large.bin');
    const data = Buffer.alloc(3 * 1024 * 1024, 9);
    await writeFile(large, data);
    const [a, b] = await Promise.all([cache.hash(large, 'large.bin'), cache.hash(large, 'large.bin')]);
    expect(a).toEqual({ digest: sha(data), size: data.length });
    expect(b).toEqual(a);
  });

  it('takes a digest the web host computed while receiving, once, and only while size, mtime, ctime and inode still match', async () => {
    const cache = new HashCache();
    const staged = join(dir, 'staged.bin');
    await writeFile(staged, 'staged bytes');
    const info = await lstat(staged);
    // a digest no read of the file could give: answering with it proves the file was not read
    const claimed = `sha256:${'0'.repeat(64)}`;
    cache.remember([{ path: staged, digest: claimed, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino }]);
    expect(await cache.hash(staged, 'staged.bin')).toEqual({ digest: claimed, size: 12 });

    // rewritten since with the same size and its old times put back: ctime tells, and the file is read
    const other = join(dir, 'other.bin');
    await writeFile(other, 'aaaa');
    const before = await lstat(other);
    cache.remember([{ path: other, digest: claimed, size: before.size, mtimeMs: before.mtimeMs, ctimeMs: before.ctimeMs, ino: before.ino }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(other, 'bbbb');
    await utimes(other, before.atime, before.mtime);
    expect(await cache.hash(other, 'other.bin')).toEqual({ digest: sha('bbbb'), size: 4 });

    // another file at the path (new inode)
    const swapped = join(dir, 'swapped.bin');
    await writeFile(swapped, 'cccc');
    const old = await lstat(swapped);
    cache.remember([{ path: swapped, digest: claimed, size: old.size, mtimeMs: old.mtimeMs, ctimeMs: old.ctimeMs, ino: old.ino + 1 }]);
    expect((await cache.hash(swapped, 'swapped.bin')).digest).toBe(sha('cccc'));
  });

  it('a missing file or a folder is named', async () => {
    const cache = new HashCache();
    await expect(cache.hash(join(dir, 'nope'), 'nope')).rejects.toThrow('nope is no longer there');
    await expect(cache.hash(dir, 'a-folder')).rejects.toThrow('a-folder is no longer a regular file');
  });
});
