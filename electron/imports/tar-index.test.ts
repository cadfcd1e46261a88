import { open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTar, tarHeader } from '../../tests/integration/imports/tar-builder';
import { indexTar, normaliseName, TAR_LIMITS } from './tar-index';

const files: string[] = [];
afterEach(async () => {
  const { rm } = await import('node:fs/promises');
  await Promise.all(files.splice(0).map((f) => rm(f, { force: true })));
});

async function indexOf(bytes: Buffer, limits = TAR_LIMITS) {
  const path = join(tmpdir(), `tar-index-${randomBytes(6).toString('hex')}.tar`);
  files.push(path);
  await writeFile(path, bytes);
  const handle = await open(path, 'r');
  try {
    return await indexTar(handle, bytes.length, limits);
  } finally {
    await handle.close();
  }
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (`${length}${body}`.length !== length) length = `${length}${body}`.length;
  return `${length}${body}`;
}

describe('indexTar', () => {
  it('maps each regular file to its byte range, skipping directories and normalising ./', async () => {
    const bytes = buildTar([{ name: './', type: '5' }, { name: './index.json', data: Buffer.from('{}') }, { name: 'blobs/', type: '5' }, { name: 'blobs/sha256/ab', data: Buffer.alloc(700, 1) }]);
    const { files: entries } = await indexOf(bytes);
    expect([...entries.keys()]).toEqual(['index.json', 'blobs/sha256/ab']);
    expect(entries.get('index.json')).toEqual({ offset: 1024, size: 2 });
    expect(entries.get('blobs/sha256/ab')).toEqual({ offset: 2048 + 512, size: 700 });
    expect(bytes.subarray(entries.get('index.json')!.offset, entries.get('index.json')!.offset + 2).toString()).toBe('{}');
  });

  it('reads pax path and GNU long names', async () => {
    const long = `blobs/sha256/${'a'.repeat(120)}`;
    const pax = Buffer.from(paxRecord('path', long));
    const gnu = `blobs/sha512/${'b'.repeat(130)}`;
    const bytes = buildTar([{ name: 'PaxHeader', type: 'x', data: pax }, { name: 'ignored', data: Buffer.from('one') }, { name: '././@LongLink', type: 'L', data: Buffer.from(`${gnu}\0`) }, { name: 'short', data: Buffer.from('two') }]);
    const { files: entries } = await indexOf(bytes);
    expect([...entries.keys()]).toEqual([long, gnu]);
  });

  it('reads past GNU long link names, keeping the links aside as links', async () => {
    const bytes = buildTar([
      { name: '././@LongLink', type: 'K', data: Buffer.from(`${'t'.repeat(150)}\0`) },
      { name: 'link-one', type: '2' },
      { name: '././@LongLink', type: 'K', data: Buffer.from(`${'u'.repeat(150)}\0`) },
      { name: 'link-two', type: '2' },
      { name: 'index.json', data: Buffer.from('{}') },
    ]);
    const { files: entries, others } = await indexOf(bytes);
    expect([...entries.keys()]).toEqual(['index.json']);
    expect([...others]).toEqual([['link-one', 'a symbolic link'], ['link-two', 'a symbolic link']]);
  });

  it('reads a GNU base-256 size', async () => {
    const header = tarHeader('big', 0);
    header.fill(0, 124, 136);
    header[124] = 0x80;
    header.writeUInt32BE(600, 132);
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    const bytes = Buffer.concat([header, Buffer.alloc(1024, 7), Buffer.alloc(1024)]);
    expect((await indexOf(bytes)).files.get('big')).toEqual({ offset: 512, size: 600 });
  });

  it('stops at the entry limit and refuses names that are too long', async () => {
    const many = buildTar([{ name: 'a', data: Buffer.from('1') }, { name: 'b', data: Buffer.from('2') }, { name: 'c', data: Buffer.from('3') }]);
    await expect(indexOf(many, { ...TAR_LIMITS, maxEntries: 2 })).rejects.toThrow(/more than 2 entries/);
    await expect(indexOf(buildTar([{ name: 'x'.repeat(50), data: Buffer.from('1') }]), { ...TAR_LIMITS, maxNameLength: 20 })).rejects.toThrow(/a name of 50 characters/);
  });

  it('refuses an archive without its end blocks (cut after the last entry)', async () => {
    await expect(indexOf(buildTar([{ name: 'a', data: Buffer.from('1') }], false))).rejects.toThrow(/truncated/);
  });
});

describe('normaliseName', () => {
  it.each([
    ['./index.json', 'index.json'],
    ['blobs//sha256/./ab', 'blobs/sha256/ab'],
  ])('%s → %s', (raw, name) => expect(normaliseName(raw)).toBe(name));

  it.each(['../x', 'a/../../x', '/etc/passwd', 'a\\b', 'a\0b'])('refuses %j', (raw) => expect(() => normaliseName(raw)).toThrow());
});
