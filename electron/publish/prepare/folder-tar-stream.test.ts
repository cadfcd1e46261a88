import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, readlink, lstat, rm, symlink, writeFile, link } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pack, extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkFolder } from '../sources/walk-folder';
import { folderTarStream } from './folder-tar-stream';

let root: string;
let tree: string;
const LONG = 'a-rather-long-folder-name-that-goes-on-'.repeat(3); // 117 bytes: names need the ustar prefix
const BIG = randomBytes(2 * 1024 * 1024 + 123); // streamed in 1 MiB reads, not read ahead

/** Edge cases of a tar header: long names (prefix split and pax), non-ASCII names, long link targets, modes, empty and large files. */
async function makeTree(dir: string): Promise<void> {
  await mkdir(join(dir, 'empty'), { recursive: true });
  await mkdir(join(dir, LONG, LONG), { recursive: true });
  await writeFile(join(dir, LONG, 'short.txt'), 'in a long folder\n');
  await writeFile(join(dir, LONG, LONG, `${'x'.repeat(120)}.txt`), 'a name over 100 bytes in a path over 255\n');
  await writeFile(join(dir, 'Grüße — ünïcödé.md'), 'non-ASCII name\n');
  await writeFile(join(dir, 'empty.txt'), '');
  await writeFile(join(dir, 'big.bin'), BIG);
  await writeFile(join(dir, 'script.sh'), '#!/bin/sh\necho hi\n');
  await chmod(join(dir, 'script.sh'), 0o775);
  await writeFile(join(dir, 'private.txt'), 'mine\n');
  await chmod(join(dir, 'private.txt'), 0o400);
  await chmod(join(dir, 'empty'), 0o700);
  await symlink('script.sh', join(dir, 'link'));
  await symlink(`${LONG}/${LONG}/${'y'.repeat(60)}`, join(dir, 'long-link'));
}

async function ours(dir: string, prefix: string, includeTop: boolean): Promise<Buffer> {
  const walked = await walkFolder(dir, prefix, { files: 100 });
  const nodes = includeTop ? walked.nodes : walked.nodes.filter((n) => n.type !== 'directory');
  const chunks: Buffer[] = [];
  for await (const chunk of folderTarStream({ dir, prefix, nodes, includeTop })) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** What tar-folder.ts wrote with node-tar before this writer existed. */
async function nodeTars(dir: string, prefix: string, includeTop: boolean): Promise<Buffer> {
  const walked = await walkFolder(dir, prefix, { files: 100 });
  const pack = new Pack({ cwd: dir, prefix, portable: true, noDirRecurse: true, follow: false, strict: true, mtime: new Date(0) });
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => pack.on('end', () => resolve()).on('error', reject));
  if (includeTop) pack.add('.');
  for (const node of walked.nodes) if (includeTop || node.type !== 'directory') pack.add(node.rel);
  pack.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Every path under `dir` with its kind, mode, size, content digest or link target. */
async function describeTree(dir: string, rel = ''): Promise<string[]> {
  const lines: string[] = [];
  for (const name of (await readdir(join(dir, rel))).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    const info = await lstat(join(dir, path));
    if (info.isSymbolicLink()) lines.push(`link ${path} -> ${await readlink(join(dir, path))}`);
    else if (info.isDirectory()) lines.push(`dir ${path} ${(info.mode & 0o777).toString(8)}`, ...(await describeTree(dir, path)));
    else lines.push(`file ${path} ${(info.mode & 0o777).toString(8)} ${(await readFile(join(dir, path))).toString('base64').slice(0, 40)} ${info.size}`);
  }
  return lines;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'folder-tar-'));
  tree = join(root, 'tree');
  await makeTree(tree);
});
afterAll(async () => {
  await chmod(join(tree, 'private.txt'), 0o600).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

describe('folderTarStream', () => {
  it('writes byte for byte what node-tar wrote before (pax for long and non-ASCII names and link targets, portable modes, streamed large files)', async () => {
    const mine = await ours(tree, 'tree', true);
    const theirs = await nodeTars(tree, 'tree', true);
    expect(mine.length).toBe(theirs.length);
    expect(mine.equals(theirs)).toBe(true);
    expect(mine.includes('PaxHeader/')).toBe(true);
    expect(mine.includes(`linkpath=${LONG}`)).toBe(true);
    // a chart's form: files and links only, no folder entries
    expect((await ours(tree, 'chart', false)).equals(await nodeTars(tree, 'chart', false))).toBe(true);
  });

  it('GNU tar and node-tar extract it to the same tree: links as links, empty folders, modes, every byte', async () => {
    const archive = join(root, 'ours.tar');
    await writeFile(archive, await ours(tree, 'tree', true));
    const byGnu = join(root, 'gnu');
    const byNode = join(root, 'node');
    await mkdir(byGnu);
    await mkdir(byNode);
    execFileSync('tar', ['-xf', archive, '-C', byGnu]);
    await extract({ file: archive, cwd: byNode });
    const gnuTree = await describeTree(byGnu);
    expect(await describeTree(byNode)).toEqual(gnuTree);
    expect(gnuTree).toContain('link tree/link -> script.sh');
    expect(gnuTree).toContain('dir tree/empty 700');
    expect(gnuTree).toContain('file tree/script.sh 755 IyEvYmluL3NoCmVjaG8gaGkK 18');
    expect(gnuTree).toContain('file tree/private.txt 600 bWluZQo= 5');
    expect((await readFile(join(byGnu, 'tree', 'big.bin'))).equals(BIG)).toBe(true);
    expect(await readFile(join(byGnu, 'tree', LONG, LONG, `${'x'.repeat(120)}.txt`), 'utf8')).toBe('a name over 100 bytes in a path over 255\n');
    expect(await readFile(join(byGnu, 'tree', 'Grüße — ünïcödé.md'), 'utf8')).toBe('non-ASCII name\n');
  });

  it('stores a hard-linked file as a regular file each time, as oras and helm do (the same content gives the same tar)', async () => {
    const dir = join(root, 'hard');
    await mkdir(dir);
    await writeFile(join(dir, 'a.txt'), 'same\n');
    await link(join(dir, 'a.txt'), join(dir, 'b.txt'));
    const listing = execFileSync('tar', ['-tv'], { input: await ours(dir, 'hard', true), encoding: 'utf8' });
    expect(listing.split('\n').filter((line) => line.startsWith('-')).length).toBe(2);
  });

  it('fails naming the entry when the folder changed after the walk: a file replaced by a link, a file gone', async () => {
    const dir = join(root, 'changing');
    await mkdir(dir);
    await writeFile(join(dir, 'a.txt'), 'a');
    await writeFile(join(dir, 'b.txt'), 'b');
    const walked = await walkFolder(dir, 'changing', { files: 10 });
    await rm(join(dir, 'a.txt'));
    await symlink('/etc/passwd', join(dir, 'a.txt'));
    const drain = async () => {
      for await (const chunk of folderTarStream({ dir, prefix: 'changing', nodes: walked.nodes, includeTop: true })) void chunk;
    };
    await expect(drain()).rejects.toThrow('changing: a.txt became a symbolic link while it was packed; publish it again.');
    await rm(join(dir, 'a.txt'));
    await expect(drain()).rejects.toThrow('changing: a.txt vanished while it was packed.');
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const walked = await walkFolder(tree, 'tree', { files: 100 });
    const stream = folderTarStream({ dir: tree, prefix: 'tree', nodes: walked.nodes, includeTop: true, signal: controller.signal });
    await expect(stream.next()).rejects.toThrow(/abort/i);
  });
});
