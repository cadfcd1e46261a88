import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkFolder } from '../sources/walk-folder';
import { tarFolder } from './tar-folder';

let root: string;

async function makeSite(dir: string): Promise<void> {
  await mkdir(join(dir, 'b/nested/deeper'), { recursive: true });
  await mkdir(join(dir, 'a-empty'));
  await writeFile(join(dir, 'index.html'), '<h1>hi</h1>\n');
  await writeFile(join(dir, 'b/nested/deeper/z.txt'), 'z\n');
  await writeFile(join(dir, 'b/B.txt'), 'B\n');
  await symlink('index.html', join(dir, 'link-to-index'));
  await symlink('/etc/passwd', join(dir, 'outside'));
}

async function pack(dir: string, target: string) {
  const walked = await walkFolder(dir, 'site', { files: 100 });
  return { walked, tar: await tarFolder({ dir, prefix: 'site', nodes: walked.nodes, includeDirectories: true, target }) };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'publish-tar-'));
  await makeSite(join(root, 'site'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('walkFolder', () => {
  it('lists pre-order with names in byte order, links as links (never followed), empty folders kept', async () => {
    const { nodes, fileCount, size } = await walkFolder(join(root, 'site'), 'site', { files: 100 });
    expect(nodes.map((n) => `${n.type}:${n.rel}`)).toEqual([
      'directory:a-empty',
      'directory:b',
      'file:b/B.txt',
      'directory:b/nested',
      'directory:b/nested/deeper',
      'file:b/nested/deeper/z.txt',
      'file:index.html',
      'symlink:link-to-index',
      'symlink:outside',
    ]);
    expect(fileCount).toBe(5);
    expect(size).toBe(2 + 2 + 12);
  });

  it('refuses a socket, naming it', async () => {
    const dir = join(root, 'with-socket');
    await mkdir(dir);
    await writeFile(join(dir, 'ok.txt'), 'ok');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'app.sock'), resolve));
    try {
      await expect(walkFolder(dir, 'with-socket', { files: 100 })).rejects.toThrow('with-socket/app.sock is a socket; only files, folders and symbolic links can be published');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a FIFO and a folder deeper than the cap; stops past the file budget', async () => {
    const dir = join(root, 'with-fifo');
    await mkdir(dir);
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    await expect(walkFolder(dir, 'with-fifo', { files: 100 })).rejects.toThrow('with-fifo/pipe is a named pipe (FIFO)');
    const deep = join(root, 'deep');
    await mkdir(join(deep, 'a/b/c/d'), { recursive: true });
    await expect(walkFolder(deep, 'deep', { files: 100 }, { maxFiles: 100, maxDepth: 3, maxNodes: 100 })).rejects.toThrow(/nested more than 3 folders deep/);
    await expect(walkFolder(deep, 'deep', { files: 100 }, { maxFiles: 100, maxDepth: 10, maxNodes: 3 })).rejects.toThrow('More than 3 files and folders in this drop (counting deep); publish fewer at once, or pack them into an archive first.');
    await expect(walkFolder(join(root, 'site'), 'site', { files: 2 })).rejects.toThrow(/More than 10,000 files/);
  });
});

describe('tarFolder', () => {
  it('writes what GNU tar lists: the folder first, sorted entries, links as links, empty folders, owner 0/0, epoch times', async () => {
    const { tar } = await pack(join(root, 'site'), join(root, 'out', 'one.tar.gz'));
    const listing = execFileSync('tar', ['-tvzf', tar.path, '--numeric-owner', '--full-time'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').split(' '));
    expect(listing.map((f) => f.slice(5).join(' '))).toEqual([
      'site/',
      'site/a-empty/',
      'site/b/',
      'site/b/B.txt',
      'site/b/nested/',
      'site/b/nested/deeper/',
      'site/b/nested/deeper/z.txt',
      'site/index.html',
      'site/link-to-index -> index.html',
      'site/outside -> /etc/passwd',
    ]);
    for (const fields of listing) {
      expect(fields[1]).toBe('0/0');
      expect(`${fields[3]} ${fields[4]}`).toBe('1970-01-01 00:00:00');
    }
    expect(listing[8]![0]!.startsWith('l')).toBe(true);
  });

  it('digests: the layer is the gzip bytes, the content digest the uncompressed tar; the gzip header has no name and no time', async () => {
    const { tar } = await pack(join(root, 'site'), join(root, 'out', 'two.tar.gz'));
    const gz = await readFile(tar.path);
    expect(tar.size).toBe(gz.length);
    expect(tar.digest).toBe(`sha256:${createHash('sha256').update(gz).digest('hex')}`);
    expect(tar.tarDigest).toBe(`sha256:${createHash('sha256').update(gunzipSync(gz)).digest('hex')}`);
    expect(gz[3]).toBe(0); // FLG: no FNAME, no comment
    expect(gz.readUInt32LE(4)).toBe(0); // MTIME
  });

  it('the same folder gives the same digests: packed twice, and a copy made later elsewhere with other times', async () => {
    const first = (await pack(join(root, 'site'), join(root, 'out', 'a.tar.gz'))).tar;
    const again = (await pack(join(root, 'site'), join(root, 'out', 'b.tar.gz'))).tar;
    const copy = join(root, 'copy', 'site');
    await cp(join(root, 'site'), copy, { recursive: true, verbatimSymlinks: true });
    await utimes(join(copy, 'index.html'), new Date('2001-01-01'), new Date('2001-01-01'));
    const elsewhere = (await pack(copy, join(root, 'out', 'c.tar.gz'))).tar;
    expect(again.digest).toBe(first.digest);
    expect(again.tarDigest).toBe(first.tarDigest);
    expect(elsewhere.digest).toBe(first.digest);
  });

  it('a file that vanishes before it is packed fails naming it and leaves no partial file', async () => {
    const dir = join(root, 'vanish');
    await mkdir(dir);
    await writeFile(join(dir, 'gone.txt'), 'x');
    const walked = await walkFolder(dir, 'vanish', { files: 10 });
    await rm(join(dir, 'gone.txt'));
    const target = join(root, 'out', 'vanish.tar.gz');
    await expect(tarFolder({ dir, prefix: 'vanish', nodes: walked.nodes, includeDirectories: true, target })).rejects.toThrow('vanish: gone.txt vanished while it was packed');
    await expect(readFile(`${target}.partial`)).rejects.toThrow();
  });
});
