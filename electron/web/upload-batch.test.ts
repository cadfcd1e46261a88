import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UploadBatch } from './upload-batch';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'upload-batch-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function batch(maxBytes = 1 << 20): Promise<UploadBatch> {
  const b = new UploadBatch(root, maxBytes);
  await b.create();
  return b;
}

const body = (text: string) => Readable.from([Buffer.from(text)]);

describe('UploadBatch', () => {
  it('recreates a nested folder with an empty folder, private modes, and one id per top-level entry', async () => {
    const b = await batch();
    await b.addFile('site/index.html', body('<h1>hi</h1>'), Date.UTC(2024, 0, 2));
    await b.addFile('site/css/main.css', body('a{}'));
    await b.addDirectory('site/empty');
    await b.addFile('notes.txt', body('top'));
    const entries = b.seal();
    expect(entries.map(({ name, type, size, fileCount }) => ({ name, type, size, fileCount })).sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { name: 'notes.txt', type: 'file', size: 3, fileCount: 1 },
      { name: 'site', type: 'directory', size: 14, fileCount: 2 },
    ]);
    const site = entries.find((e) => e.name === 'site');
    expect(site?.path).toBe(join(b.dir, 'site'));
    expect((await readdir(join(b.dir, 'site'))).sort()).toEqual(['css', 'empty', 'index.html']);
    expect(await readdir(join(b.dir, 'site', 'empty'))).toEqual([]);
    expect(await readFile(join(b.dir, 'site', 'css', 'main.css'), 'utf8')).toBe('a{}');
    expect((await stat(join(b.dir, 'site', 'css'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(b.dir, 'notes.txt'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(b.dir, 'site', 'index.html'))).mtimeMs).toBe(Date.UTC(2024, 0, 2));
    expect(new Set(entries.map((e) => e.id)).size).toBe(2);
  });

  it('hashes each file as it is written: the digests of the bytes on disk, with the lstat that proves them current', async () => {
    const b = await batch(64 << 20);
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(64 * 1024 + i, i)); // socket-sized pieces, 2.5 MiB
    await b.addFile('site/big.bin', Readable.from(chunks), Date.UTC(2024, 0, 2));
    await b.addFile('site/a.txt', body('a'));
    await b.addFile('notes.txt', body('top'));
    const entries = b.seal();
    const site = entries.find((e) => e.name === 'site')!;
    expect(site.received.map((r) => r.path).sort()).toEqual([join(b.dir, 'site', 'a.txt'), join(b.dir, 'site', 'big.bin')]);
    for (const received of [...site.received, ...entries.find((e) => e.name === 'notes.txt')!.received]) {
      const bytes = await readFile(received.path);
      const info = await lstat(received.path);
      expect(received).toEqual({ path: received.path, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, size: bytes.length, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino });
    }
    expect(site.received.find((r) => r.path.endsWith('big.bin'))?.mtimeMs).toBe(Date.UTC(2024, 0, 2));
  });

  it('an empty folder on its own is a top-level folder with no files', async () => {
    const b = await batch();
    await b.addDirectory('nothing-here');
    expect(b.seal()).toMatchObject([{ name: 'nothing-here', type: 'directory', size: 0, fileCount: 0 }]);
  });

  it('refuses hostile paths before writing anything', async () => {
    const b = await batch();
    for (const hostile of ['../escape.txt', '/abs.txt', 'C:../x', 'a\\b', 'x/\u0000/y', 'a//b']) {
      await expect(b.addFile(hostile, body('x'))).rejects.toThrow(/upload path/);
    }
    expect(await readdir(b.dir)).toEqual([]);
    expect(await readdir(root)).toEqual([b.id]);
  });

  it('refuses the same path twice and a name that is both a file and a folder', async () => {
    const b = await batch();
    await b.addFile('a/b.txt', body('1'));
    await expect(b.addFile('a/b.txt', body('2'))).rejects.toThrow(/uploaded twice/);
    await expect(b.addFile('a', body('3'))).rejects.toThrow(/both a file and a folder/);
    await expect(b.addFile('a/b.txt/c', body('4'))).rejects.toThrow(/both a file and a folder/);
    await expect(b.addFile('cafe\u0301.txt', body('5'))).resolves.toBe(1);
    await expect(b.addFile('caf\u00e9.txt', body('6'))).rejects.toThrow(/uploaded twice/);
    expect(await readFile(join(b.dir, 'a', 'b.txt'), 'utf8')).toBe('1');
  });

  it('stops at the size limit across the whole batch and removes the partial file', async () => {
    const b = await batch(10);
    await b.addFile('one.bin', body('123456'));
    await expect(b.addFile('two.bin', body('123456'))).rejects.toThrow(/upload limit/);
    expect(existsSync(join(b.dir, 'two.bin'))).toBe(false);
    await expect(b.addFile('three.bin', body('1234'))).resolves.toBe(4);
  });

  it('says so when the browser stops mid-file, and the path can be sent again', async () => {
    const b = await batch();
    const broken = new Readable({
      read() {
        this.push(Buffer.from('part'));
        this.destroy(new Error('socket hang up'));
      },
    });
    await expect(b.addFile('big.bin', broken)).rejects.toThrow(/stopped before the whole file arrived/);
    expect(existsSync(join(b.dir, 'big.bin'))).toBe(false);
    await expect(b.addFile('big.bin', body('whole'))).resolves.toBe(5);
  });

  it('refuses an empty seal, uploads after sealing, and discards its folder', async () => {
    const b = await batch();
    expect(() => b.seal()).toThrow(/Nothing was uploaded/);
    await b.addFile('x.txt', body('x'));
    b.seal();
    await expect(b.addFile('y.txt', body('y'))).rejects.toThrow(/finished/);
    await b.discard();
    expect(existsSync(b.dir)).toBe(false);
  });
});

describe('UploadBatch on the disk', () => {
  it('names a clash the disk itself reports (a file already there) instead of calling it a network failure', async () => {
    const b = await batch();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(b.dir, 'planted.txt'), 'x');
    await expect(b.addFile('planted.txt', body('y'))).rejects.toThrow(/collides with another file/);
    expect(await readFile(join(b.dir, 'planted.txt'), 'utf8')).toBe('x');
  });
});
