import { gzipSync } from 'node:zlib';
import { rawTar, rawTarGz, type RawEntry } from './raw-tar';

/**
 * One hostile archive per threat of issue 10 / security.md. Each says what a safe download does
 * with it: stop the whole archive (and keep nothing of it), or leave out exactly the named entries
 * while the harmless ones land. The unit tests unpack them from memory; the integration tests push
 * them to a real registry as folder artifacts and image layers and download them.
 */
export interface HostileCase {
  id: string;
  threat: string;
  /** A tar+gzip layer. */
  layer: Buffer;
  /** The whole archive is refused with a message matching this. */
  stops?: RegExp;
  /** Entries refused and left out: name → why. */
  refuses?: Record<string, RegExp>;
  /** Files that must land, with their content (proof the rest of the archive was unpacked). */
  lands?: Record<string, string>;
  /** Names that must not exist afterwards (relative to the folder). */
  absent?: string[];
  /** Expected modes of what lands. */
  modes?: Record<string, number>;
}

const ok: RawEntry = { name: 'ok.txt', content: 'fine\n' };
const deep = Array.from({ length: 300 }, () => 'd').join('/');

export const hostileCases: HostileCase[] = [
  {
    id: 'dotdot',
    threat: '`..` in an entry name',
    layer: rawTarGz([{ name: '../escape.txt', content: 'out\n' }, { name: 'a/../../escape2.txt', content: 'out\n' }, ok]),
    refuses: { '../escape.txt': /goes up a folder/, 'a/../../escape2.txt': /goes up a folder/ },
    lands: { 'ok.txt': 'fine\n' },
  },
  {
    id: 'absolute',
    threat: 'absolute paths, `////` prefixes',
    layer: rawTarGz([{ name: '/tmp/stevedore-abs.txt', content: 'out\n' }, { name: '////stevedore-abs2.txt', content: 'out\n' }, ok]),
    refuses: { '/tmp/stevedore-abs.txt': /absolute path/, '////stevedore-abs2.txt': /absolute path|UNC/ },
    lands: { 'ok.txt': 'fine\n' },
  },
  {
    id: 'windows-forms',
    threat: 'drive letters, drive-relative `C:..`, UNC paths, `..\\`',
    layer: rawTarGz([
      { name: 'C:\\evil.txt', content: 'out\n' },
      { name: 'C:../evil.txt', content: 'out\n' },
      { name: '\\\\server\\share\\evil.txt', content: 'out\n' },
      { name: 'sub\\..\\..\\evil.txt', content: 'out\n' },
      ok,
    ]),
    refuses: { 'C:\\evil.txt': /drive letter/, 'C:../evil.txt': /drive letter/, '\\\\server\\share\\evil.txt': /UNC/, 'sub\\..\\..\\evil.txt': /goes up a folder/ },
    lands: { 'ok.txt': 'fine\n' },
  },
  {
    id: 'nul-name',
    // A tar name is a C string: node-tar (like GNU tar) ends it at the NUL, so what follows never
    // reaches a path. NUL in a file title (JSON can hold one) is refused: see the files plan.
    threat: 'a NUL byte in a (PAX) name',
    layer: rawTarGz([{ name: 'innocent.txt\0../../escape', content: 'out\n', pax: true }, ok]),
    lands: { 'ok.txt': 'fine\n', 'innocent.txt': 'out\n' },
  },
  {
    id: 'long-name',
    threat: 'a name the file system cannot hold',
    layer: rawTarGz([{ name: `${'n'.repeat(300)}.txt`, content: 'x\n' }, ok]),
    refuses: { [`${'n'.repeat(117)}…`]: /longer than 255 bytes/ },
    lands: { 'ok.txt': 'fine\n' },
  },
  {
    id: 'symlink-absolute',
    threat: 'a symlink to an absolute path outside',
    layer: rawTarGz([{ name: 'etc', type: 'symlink', linkpath: '/etc' }, { name: 'etc/stevedore-owned', content: 'out\n' }, ok]),
    refuses: { etc: /absolute path "\/etc"/ },
    lands: { 'ok.txt': 'fine\n', 'etc/stevedore-owned': 'out\n' },
  },
  {
    id: 'symlink-relative',
    threat: 'a relative symlink climbing out',
    layer: rawTarGz([{ name: 'up', type: 'symlink', linkpath: '../../..' }, { name: 'sub/up2', type: 'symlink', linkpath: '../../x' }, ok]),
    refuses: { up: /leads outside/, 'sub/up2': /leads outside/ },
    lands: { 'ok.txt': 'fine\n' },
    absent: ['up', 'sub/up2'],
  },
  {
    id: 'link-chain',
    threat: 'a chain of links, each harmless alone, leading out together',
    layer: rawTarGz([
      { name: 'd/' },
      { name: 'd/parent', type: 'symlink', linkpath: '..' },
      { name: 'd/escape', type: 'symlink', linkpath: 'parent/..' },
      { name: 'a/x', type: 'symlink', linkpath: 'y/..' },
      { name: 'a/y', type: 'symlink', linkpath: '..' },
      ok,
    ]),
    refuses: { 'd/escape': /leads outside/, 'a/x': /later entry made lead outside/ },
    lands: { 'ok.txt': 'fine\n' },
    absent: ['d/escape', 'a/x'],
  },
  {
    id: 'folder-replaced-by-link',
    threat: 'a folder replaced by a link later, then written through',
    layer: rawTarGz([{ name: 'dir/' }, { name: 'inside/' }, { name: 'dir', type: 'symlink', linkpath: 'inside' }, { name: 'dir/file.txt', content: 'through\n' }, ok]),
    refuses: { 'dir/file.txt': /through the link "dir"/ },
    lands: { 'ok.txt': 'fine\n' },
    absent: ['inside/file.txt'],
  },
  {
    id: 'planted-link',
    threat: 'a link planted by one entry and written through by the next',
    layer: rawTarGz([{ name: 'target.txt', content: 'original\n' }, { name: 'planted', type: 'symlink', linkpath: 'target.txt' }, { name: 'planted', content: 'replaced\n' }, ok]),
    lands: { 'ok.txt': 'fine\n', 'target.txt': 'original\n', planted: 'replaced\n' },
  },
  {
    id: 'hardlink-outside',
    threat: 'hard links to files outside the folder',
    layer: rawTarGz([
      { name: 'passwd', type: 'hardlink', linkpath: '/etc/passwd' },
      { name: 'passwd2', type: 'hardlink', linkpath: '../../../../etc/passwd' },
      { name: 'missing', type: 'hardlink', linkpath: 'not-there.txt' },
      ok,
      { name: 'ok-link', type: 'hardlink', linkpath: 'ok.txt' },
    ]),
    refuses: { passwd: /hard link to "\/etc\/passwd", outside/, passwd2: /hard link to .*outside/, missing: /not a file already in the folder/ },
    lands: { 'ok.txt': 'fine\n', 'ok-link': 'fine\n' },
    absent: ['passwd', 'passwd2'],
  },
  {
    id: 'devices',
    threat: 'devices and FIFOs',
    layer: rawTarGz([{ name: 'null', type: 'char' }, { name: 'sda', type: 'block' }, { name: 'pipe', type: 'fifo' }, ok]),
    refuses: { null: /device file: skipped/, sda: /device file: skipped/, pipe: /FIFO/ },
    lands: { 'ok.txt': 'fine\n' },
    absent: ['null', 'sda', 'pipe'],
  },
  {
    id: 'special-bits',
    threat: 'setuid, setgid and sticky bits',
    layer: rawTarGz([{ name: 'suid', content: '#!/bin/sh\n', mode: 0o4755 }, { name: 'sgid', content: 'x', mode: 0o2755 }, { name: 'tmp/', mode: 0o1777 }, ok]),
    lands: { 'ok.txt': 'fine\n', suid: '#!/bin/sh\n' },
    modes: { suid: 0o755, sgid: 0o755, tmp: 0o777 },
  },
  {
    id: 'too-deep',
    threat: 'folders nested hundreds deep',
    layer: rawTarGz([{ name: `${deep}/x.txt`, content: 'deep\n', pax: true }, ok]),
    refuses: { [`${deep.slice(0, 117)}…`]: /nested 301 folders deep/ },
    lands: { 'ok.txt': 'fine\n' },
  },
  {
    id: 'bomb',
    threat: 'a decompression bomb',
    layer: gzipSync(Buffer.concat([rawTar([{ name: 'zeros', content: Buffer.alloc(0), headerSize: 96 * 1024 * 1024 }], { endBlocks: false }), Buffer.alloc(96 * 1024 * 1024)]), { level: 9 }),
    stops: /expands past 64 MiB/,
  },
  {
    id: 'longer-than-header',
    threat: 'an entry whose body runs past its header',
    layer: rawTarGz([{ name: 'short.txt', content: 'y'.repeat(3000), headerSize: 10 }, ok]),
    stops: /damaged or hostile tar archive/,
  },
  {
    id: 'truncated',
    threat: 'an archive that ends inside an entry',
    layer: gzipSync(rawTar([ok, { name: 'cut.txt', content: 'z'.repeat(100), headerSize: 5000 }], { endBlocks: false })),
    stops: /damaged or hostile tar archive/,
  },
];

/** The cap the corpus is built against: the bomb expands past it, everything else stays under it. */
export const CORPUS_EXPANSION_CAP = 64 * 1024 * 1024;
