import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockGzip, type BlockGzipOptions } from './block-gzip';

const BLOCK = 64 * 1024;

/** Text that compresses like source code, with random runs so matches cross block boundaries. */
function sample(bytes: number, seed: number): Buffer {
  const words = ['layer', 'digest', 'manifest', 'blob', 'registry', 'config', 'tag', '\n'];
  const parts: string[] = [];
  let length = 0;
  let state = seed;
  while (length < bytes) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const word = state % 17 === 0 ? randomBytes(8).toString('hex') : words[state % words.length]!;
    parts.push(word, ' ');
    length += word.length + 1;
  }
  return Buffer.from(parts.join('').slice(0, bytes));
}

async function gzipInChunks(input: Buffer, chunkBytes: number, options: BlockGzipOptions = {}): Promise<Buffer> {
  const out: Buffer[] = [];
  const gzip = new BlockGzip(async (chunk) => void out.push(Buffer.from(chunk)), { blockBytes: BLOCK, ...options });
  for (let at = 0; at < input.length; at += chunkBytes) await gzip.write(input.subarray(at, at + chunkBytes));
  await gzip.end();
  return Buffer.concat(out);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'block-gzip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('BlockGzip', () => {
  it('round-trips every length around the block size, and GNU gzip accepts the result', async () => {
    const input = sample(5 * BLOCK + 777, 1);
    for (const length of [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK, 5 * BLOCK + 777]) {
      const gz = await gzipInChunks(input.subarray(0, length), 10_000);
      expect(gunzipSync(gz).equals(input.subarray(0, length))).toBe(true);
      const path = join(dir, `len-${length}.gz`);
      await writeFile(path, gz);
      execFileSync('gzip', ['--test', path]);
      expect(execFileSync('gzip', ['--decompress', '--stdout', path]).equals(input.subarray(0, length))).toBe(true);
    }
  });

  it('the same input gives the same bytes however it is written and however many blocks run at once', async () => {
    const input = sample(4 * BLOCK + 12_345, 2);
    const reference = await gzipInChunks(input, 4096);
    expect((await gzipInChunks(input, 1)).equals(reference)).toBe(true);
    expect((await gzipInChunks(input, 3 * BLOCK)).equals(reference)).toBe(true);
    expect((await gzipInChunks(input, 50_000, { parallel: 1 })).equals(reference)).toBe(true);
    expect((await gzipInChunks(input, 50_000, { parallel: 4 })).equals(reference)).toBe(true);
  });

  it('within one block the bytes are exactly zlib gzip\'s (folders packed before this writer keep their digest)', async () => {
    const input = sample(BLOCK - 100, 3);
    expect((await gzipInChunks(input, 1000)).equals(gzipSync(input))).toBe(true);
    expect((await gzipInChunks(Buffer.alloc(0), 1)).equals(gzipSync(Buffer.alloc(0)))).toBe(true);
  });

  it('primes each block with the one before: splitting costs well under 1 % of the size', async () => {
    const input = sample(16 * BLOCK, 4);
    const blocks = await gzipInChunks(input, BLOCK);
    const whole = gzipSync(input);
    expect(blocks.length).toBeLessThan(whole.length * 1.01);
    const header = blocks.subarray(0, 10);
    expect([...header]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]); // no name, no time
  });

  it('a failed block rejects the write that waits for it', async () => {
    const gzip = new BlockGzip(async () => undefined, { blockBytes: BLOCK, parallel: 1, level: 42 });
    await expect(gzip.write(Buffer.alloc(BLOCK))).rejects.toThrow(/level/);
  });
});
