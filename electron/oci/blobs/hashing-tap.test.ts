import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HashFrontier } from './hashing-tap';

async function drain(stream: NodeJS.ReadableStream): Promise<void> {
  for await (const chunk of stream) void chunk;
}

describe('HashFrontier', () => {
  it('hashes each byte once when a range is re-read after a resume', async () => {
    const data = Buffer.from('0123456789abcdefghij');
    const hash = createHash('sha256');
    const frontier = new HashFrontier(hash);
    await drain(Readable.from([data.subarray(0, 8)]).pipe(frontier.tap(0)));
    // the registry kept only 5 bytes: re-read from 5, then the rest
    await drain(Readable.from([data.subarray(5, 12)]).pipe(frontier.tap(5)));
    await drain(Readable.from([data.subarray(12)]).pipe(frontier.tap(12)));
    expect(frontier.hashedTo).toBe(20);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('refuses to skip bytes it never hashed', async () => {
    const frontier = new HashFrontier(createHash('sha256'));
    await expect(drain(Readable.from([Buffer.from('abc')]).pipe(frontier.tap(10)))).rejects.toThrow(/hashing gap/);
  });

  it('reports the byte position as data streams out', async () => {
    const seen: number[] = [];
    const frontier = new HashFrontier(undefined);
    await drain(Readable.from([Buffer.from('ab'), Buffer.from('cde')]).pipe(frontier.tap(3, (p) => seen.push(p))));
    expect(seen).toEqual([5, 8]);
  });
});
