import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remainder, writevFully } from './write-fully';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'write-fully-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('remainder', () => {
  it('drops whole buffers, then cuts into the first one partly written', () => {
    const rest = remainder([bytes(1, 2), bytes(3, 4, 5), bytes(6)], 3);
    expect(rest.map((buffer) => [...buffer])).toEqual([[4, 5], [6]]);
  });

  it('leaves nothing once every byte is written, and everything when none is', () => {
    expect(remainder([bytes(1), bytes(2, 3)], 3)).toEqual([]);
    expect(remainder([bytes(1), bytes(2, 3)], 0).map((buffer) => [...buffer])).toEqual([[1], [2, 3]]);
  });
});

describe('writevFully', () => {
  it('writes more buffers than one writev call takes (IOV_MAX), in order, at the position given', async () => {
    const path = join(dir, 'many');
    const file = await open(path, 'wx');
    const buffers = Array.from({ length: 3000 }, (_, index) => Buffer.from([index % 256, (index * 7) % 256, 0]).subarray(0, (index % 3) + 1));
    await file.write(Buffer.from('head'), 0, 4, 0);
    await writevFully(file, buffers, 4);
    await file.close();
    expect((await readFile(path)).equals(Buffer.concat([Buffer.from('head'), ...buffers]))).toBe(true);
  });

  it('fails with the file’s error code when the file cannot be written', async () => {
    const path = join(dir, 'readonly');
    await (await open(path, 'wx')).close();
    const file = await open(path, 'r');
    await expect(writevFully(file, [bytes(1, 2, 3)], 0)).rejects.toMatchObject({ code: 'EBADF' });
    await file.close();
  });
});
