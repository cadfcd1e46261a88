import { lstat, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORPUS_EXPANSION_CAP, hostileCases } from '../../../tests/support/hostile/corpus';
import { rawTar, rawTarGz } from '../../../tests/support/hostile/raw-tar';
import { breakouts, walk } from '../../../tests/support/hostile/walk';
import { ExtractionStopped } from './extract-errors';
import { SafeWriter } from './safe-writer';
import { unpackTar } from './unpack-tar';

let sandbox: string;
let root: string;
const before = ['outside', 'outside/keep.txt'];

beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'stevedore-unpack-'));
  root = join(sandbox, 'root');
  await mkdir(root);
  await mkdir(join(sandbox, 'outside'));
  await writeFile(join(sandbox, 'outside', 'keep.txt'), 'mine\n');
});
afterEach(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

const chunked = (bytes: Buffer, size = 1000) => Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));

async function unpack(layer: Buffer, options: { whiteouts?: boolean; absoluteLinks?: 'refuse' | 'inside-root'; writer?: SafeWriter; fresh?: boolean } = {}) {
  const writer = options.writer ?? (await SafeWriter.open({ root, absoluteLinks: options.absoluteLinks ?? 'refuse', fresh: options.fresh ?? false }));
  const result = await unpackTar(writer, chunked(layer), { label: 'the test archive', limit: { maxBytes: CORPUS_EXPANSION_CAP }, whiteouts: options.whiteouts ?? false });
  await writer.finish();
  return { writer, result };
}

// `fresh`: a staging folder, where new names skip the lookup and small files are written several at a time.
describe.each([false, true])('unpackTar on the hostile corpus, fresh root %s (never a byte outside the folder)', (fresh) => {
  for (const hostile of hostileCases) {
    it(`${hostile.id}: ${hostile.threat}`, async () => {
      if (hostile.stops) {
        const error = await unpack(hostile.layer, { fresh }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ExtractionStopped);
        expect((error as Error).message).toMatch(hostile.stops);
      } else {
        const { writer } = await unpack(hostile.layer, { fresh });
        const refused = Object.fromEntries(writer.skipped.map((s) => [s.name, s.reason]));
        expect(Object.keys(refused).sort()).toEqual(Object.keys(hostile.refuses ?? {}).sort());
        for (const [name, why] of Object.entries(hostile.refuses ?? {})) expect(refused[name]).toMatch(why);
        for (const [name, content] of Object.entries(hostile.lands ?? {})) expect(await readFile(join(root, name), 'utf8')).toBe(content);
        for (const name of hostile.absent ?? []) await expect(lstat(join(root, name))).rejects.toThrow(/ENOENT/);
        for (const [name, mode] of Object.entries(hostile.modes ?? {})) expect((await lstat(join(root, name))).mode & 0o7777).toBe(mode);
      }
      expect(await breakouts(sandbox, root, before)).toEqual([]);
      expect(await readFile(join(sandbox, 'outside', 'keep.txt'), 'utf8')).toBe('mine\n');
    });
  }
});

describe('unpackTar', () => {
  it('writes files, folders, modes and links, and returns the digest of the uncompressed tar', async () => {
    const tar = rawTar([
      { name: 'docs/' },
      { name: 'docs/a.txt', content: 'alpha\n', mode: 0o600 },
      { name: 'docs/run.sh', content: '#!/bin/sh\n', mode: 0o755 },
      { name: 'docs/latest', type: 'symlink', linkpath: 'a.txt' },
      { name: 'docs/again', type: 'hardlink', linkpath: 'docs/a.txt' },
    ]);
    const { result } = await unpack(gzipSync(tar));
    const { createHash } = await import('node:crypto');
    expect(result.tarDigest).toBe(`sha256:${createHash('sha256').update(tar).digest('hex')}`);
    expect(await walk(root)).toEqual([
      { path: 'docs', type: 'dir', mode: 0o755, size: 0 },
      { path: 'docs/a.txt', type: 'file', mode: 0o600, size: 6 },
      { path: 'docs/again', type: 'file', mode: 0o600, size: 6 },
      { path: 'docs/latest', type: 'symlink', mode: expect.any(Number) as number, size: 0, linkTarget: 'a.txt' },
      { path: 'docs/run.sh', type: 'file', mode: 0o755, size: 10 },
    ]);
  });

  it('reads an uncompressed tar and an empty layer (two zero blocks)', async () => {
    await unpack(rawTar([{ name: 'plain.txt', content: 'p' }]));
    expect(await readFile(join(root, 'plain.txt'), 'utf8')).toBe('p');
    const { result } = await unpack(gzipSync(Buffer.alloc(1024)));
    expect(result.entries).toBe(0);
  });

  it('refuses zstd clearly where Node has no zstd, and unpacks it where it has', async () => {
    const zlib = await import('node:zlib');
    const compress = (zlib as unknown as { zstdCompressSync?: (b: Buffer) => Buffer }).zstdCompressSync;
    if (compress) {
      await unpack(compress(rawTar([{ name: 'z.txt', content: 'zstd' }])));
      expect(await readFile(join(root, 'z.txt'), 'utf8')).toBe('zstd');
    } else {
      const frame = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(600)]);
      await expect(unpack(frame)).rejects.toThrow(/compressed with zstd, which this build cannot unpack/);
    }
  });

  it('rebases absolute links inside a root file system instead of pointing at the host', async () => {
    await unpack(rawTarGz([{ name: 'usr/bin/' }, { name: 'usr/bin/sh', content: 'sh' }, { name: 'bin/' }, { name: 'bin/sh', type: 'symlink', linkpath: '/usr/bin/sh' }]), { absoluteLinks: 'inside-root' });
    const entries = await walk(root);
    expect(entries.find((e) => e.path === 'bin/sh')?.linkTarget).toBe('../usr/bin/sh');
    expect(await readFile(join(root, 'bin/sh'), 'utf8')).toBe('sh');
  });

  it('applies whiteouts and opaque folders of a later layer, keeping what that layer adds', async () => {
    await unpack(rawTarGz([{ name: 'etc/' }, { name: 'etc/a', content: 'a' }, { name: 'etc/b', content: 'b' }, { name: 'var/' }, { name: 'var/old', content: 'o' }, { name: 'gone', content: 'g' }]), { whiteouts: true });
    await unpack(
      rawTarGz([{ name: '.wh.gone', content: '' }, { name: 'etc/.wh.a', content: '' }, { name: 'var/' }, { name: 'var/new', content: 'n' }, { name: 'var/.wh..wh..opq', content: '' }]),
      { whiteouts: true },
    );
    expect((await walk(root)).map((e) => e.path)).toEqual(['etc', 'etc/b', 'var', 'var/new']);
  });

  it('in a root file system, refuses whiteouts that climb out and never writes through a rebased absolute link', async () => {
    const { writer } = await unpack(
      rawTarGz([
        { name: 'etc', type: 'symlink', linkpath: '/' },
        { name: 'etc/passwd', content: 'root::0:0\n' },
        { name: 'a/.wh...', content: '' },
        { name: '../.wh.keep.txt', content: '' },
        { name: 'up', type: 'symlink', linkpath: '/../../..' },
      ]),
      { whiteouts: true, absoluteLinks: 'inside-root' },
    );
    expect(writer.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['etc/passwd', expect.stringMatching(/through the link "etc"/) as string],
      ['a/.wh...', 'is a whiteout that names no file'],
      ['../.wh.keep.txt', expect.stringMatching(/goes up a folder/) as string],
    ]);
    // In a container `/../../..` is `/`: the link is kept, pointing at the root itself.
    expect((await walk(root)).find((e) => e.path === 'up')?.linkTarget).toBe('.');
    expect(await breakouts(sandbox, root, before)).toEqual([]);
    expect(await readFile(join(sandbox, 'outside', 'keep.txt'), 'utf8')).toBe('mine\n');
  });

  it('refuses names that differ only in case or Unicode form on a volume that folds them (folding given: this volume does not fold)', async () => {
    const writer = await SafeWriter.open({ root, absoluteLinks: 'refuse', folding: { caseInsensitive: true, normalisationInsensitive: true } });
    await unpack(rawTarGz([{ name: 'Readme', content: 'first' }, { name: 'README', content: 'second' }, { name: 'caf\u00e9', content: 'nfc' }, { name: 'cafe\u0301', content: 'nfd' }]), { writer });
    expect(writer.skipped.map((s) => s.name)).toEqual(['README', 'cafe\u0301']);
    expect(writer.skipped[0]?.reason).toMatch(/same file as "Readme"/);
    expect(await readFile(join(root, 'Readme'), 'utf8')).toBe('first');
  });

  it('refuses only the entry the file system finds too long once joined to the folder’s path', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(99)}`).join('/'); // 4,079 bytes: allowed alone
    const { writer } = await unpack(rawTarGz([{ name: `${long}/f.txt`, content: 'deep', pax: true }, { name: 'ok.txt', content: 'fine\n' }]));
    expect(writer.skipped.map((s) => s.reason)).toEqual(['is too long for this file system once joined to the folder’s path']);
    expect(await readFile(join(root, 'ok.txt'), 'utf8')).toBe('fine\n');
  });

  it('never writes through a link that was in the folder before', async () => {
    await mkdir(join(root, 'real'));
    const { symlink } = await import('node:fs/promises');
    await symlink(join(sandbox, 'outside'), join(root, 'planted'));
    const { writer } = await unpack(rawTarGz([{ name: 'planted/keep.txt', content: 'overwritten\n' }]));
    expect(writer.skipped[0]?.reason).toMatch(/through the link "planted"/);
    expect(await readFile(join(sandbox, 'outside', 'keep.txt'), 'utf8')).toBe('mine\n');
  });
});
