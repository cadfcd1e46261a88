import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzip, tar } from '../../../tests/support/seed/tar';
import { CHART_TAR_LIMITS, readTarGz, safeTarPath, type TarLimits } from './tar-reader';

const BLOCK = 512;

/** A raw ustar header with any name, size field and type, for archives real tools refuse to write. */
function rawHeader(name: string, sizeField: Buffer | string, type = '0'): Buffer {
  const header = Buffer.alloc(BLOCK);
  header.write(name, 0, 'utf8');
  header.write('0000644\0', 100);
  if (typeof sizeField === 'string') header.write(sizeField, 124);
  else sizeField.copy(header, 124);
  header.write('00000000000\0', 136);
  header.fill(0x20, 148, 156);
  header.write(type, 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return header;
}

const chunks = (bytes: Uint8Array, size = 700): Readable => {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(Buffer.from(bytes.subarray(i, i + size)));
  return Readable.from(parts);
};

describe('readTarGz', () => {
  it('lists entries and keeps the wanted files, across chunk boundaries', async () => {
    const big = 'v'.repeat(1300);
    const archive = gzip(tar([{ path: 'demo/' }, { path: 'demo/Chart.yaml', content: 'name: demo\n' }, { path: 'demo/values.yaml', content: big }, { path: 'demo/README.md', content: '# Demo\n' }]));
    const got = await readTarGz(chunks(archive, 97), (name) => /^[^/]+\/(values\.yaml|README\.md)$/.test(name));
    expect(got.entries.map((e) => e.name)).toEqual(['demo', 'demo/Chart.yaml', 'demo/values.yaml', 'demo/README.md']);
    expect(got.files.get('demo/values.yaml')?.toString()).toBe(big);
    expect(got.files.get('demo/README.md')?.toString()).toBe('# Demo\n');
    expect(got.files.has('demo/Chart.yaml')).toBe(false);
  });

  it('lists a wanted file over the per-file cap as skipped without reading it', async () => {
    const archive = gzip(tar([{ path: 'c/values.yaml', content: 'x'.repeat(5000) }]));
    const limits: TarLimits = { ...CHART_TAR_LIMITS, maxFileBytes: 4096 };
    const got = await readTarGz(chunks(archive), () => true, limits);
    expect(got.files.size).toBe(0);
    expect(got.skipped).toEqual(['c/values.yaml']);
  });

  it('refuses a decompression bomb once it expands past the cap', async () => {
    const bomb = gzipSync(Buffer.concat([rawHeader('a/zeros', (64 * 1024 * 1024).toString(8).padStart(11, '0') + '\0'), Buffer.alloc(8 * 1024 * 1024)]));
    const limits: TarLimits = { ...CHART_TAR_LIMITS, maxUncompressedBytes: 1024 * 1024 };
    await expect(readTarGz(chunks(bomb), () => true, limits)).rejects.toThrow(/more than the archive may expand to|expands past/);
  });

  it('refuses an archive that is larger compressed than allowed', async () => {
    const noisy = gzip(tar([{ path: 'r', content: randomBytes(40_000) }]));
    const limits: TarLimits = { ...CHART_TAR_LIMITS, maxCompressedBytes: 10_000 };
    await expect(readTarGz(chunks(noisy), () => true, limits)).rejects.toThrow(/larger than .* compressed/);
  });

  // node-tar reads base-256 sizes (GNU tar writes them past 8 GiB): the cap is what refuses one.
  it('refuses base-256 sizes past the cap and sizes that are not octal', async () => {
    const base256 = Buffer.alloc(12);
    base256[0] = 0x80;
    base256[6] = 1;
    await expect(readTarGz(chunks(gzipSync(Buffer.concat([rawHeader('x', base256), Buffer.alloc(BLOCK * 2)]))), () => true)).rejects.toThrow(/more than the archive may expand to/);
    await expect(readTarGz(chunks(gzipSync(Buffer.concat([rawHeader('x', '99999999999\0'), Buffer.alloc(BLOCK * 2)]))), () => true)).rejects.toThrow(/not an octal/);
  });

  it('ignores entries whose names escape the archive', async () => {
    const body = Buffer.from('secret\n');
    const pad = Buffer.alloc(BLOCK - body.length);
    const archive = gzipSync(
      Buffer.concat([
        rawHeader('../../etc/passwd', '00000000007\0'), body, pad,
        rawHeader('/abs/values.yaml', '00000000007\0'), body, pad,
        rawHeader('ok/values.yaml', '00000000007\0'), body, pad,
        Buffer.alloc(BLOCK * 2),
      ]),
    );
    const got = await readTarGz(chunks(archive), () => true);
    expect(got.entries.map((e) => e.name)).toEqual(['ok/values.yaml']);
    expect([...got.files.keys()]).toEqual(['ok/values.yaml']);
  });

  it('reports a truncated archive, a bad checksum and data that is not gzip', async () => {
    const whole = tar([{ path: 'a.txt', content: 'y'.repeat(2000) }]);
    await expect(readTarGz(chunks(gzipSync(whole.subarray(0, 1024))), () => true)).rejects.toThrow(/ends in the middle/);
    const corrupt = Buffer.from(whole);
    corrupt[10] = 0x41;
    await expect(readTarGz(chunks(gzipSync(corrupt)), () => true)).rejects.toThrow(/checksum/);
    await expect(readTarGz(chunks(Buffer.from('plain text, not gzip')), () => true)).rejects.toThrow(/not valid gzip/);
  });

  it('normalises safe paths and refuses unsafe ones', () => {
    expect(safeTarPath('./demo/values.yaml')).toBe('demo/values.yaml');
    expect(safeTarPath('demo/../../x')).toBeUndefined();
    expect(safeTarPath('/etc/passwd')).toBeUndefined();
    expect(safeTarPath('a\\b')).toBeUndefined();
  });
});
