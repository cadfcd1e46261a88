import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBounded } from './read-bounded';

describe('readBounded', () => {
  it('reads a body within the limit', async () => {
    expect((await readBounded(Readable.from([Buffer.from('ab'), Buffer.from('c')]), '3', 3, 'x')).toString()).toBe('abc');
  });

  it('refuses by Content-Length before reading anything', async () => {
    let pulled = 0;
    const body = Readable.from((function* () {
      pulled++;
      yield Buffer.from('a');
    })());
    await expect(readBounded(body, '5000000', 4 * 1024 * 1024, 'manifest')).rejects.toThrow('The manifest is larger than 4 MiB');
    expect(pulled).toBe(0);
  });

  it('counts bytes when the length is missing or lies, and stops at the limit', async () => {
    let chunks = 0;
    const body = Readable.from((function* () {
      for (let i = 0; i < 100; i++) {
        chunks++;
        yield Buffer.alloc(10);
      }
    })());
    await expect(readBounded(body, '5', 25, 'page')).rejects.toThrow(/larger than 25 bytes/);
    expect(chunks).toBeLessThan(5);
  });
});
