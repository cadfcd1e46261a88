import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { openSource } from '../oci/blobs/blob-source';
import { digestOf } from '../oci/reference/digest';

const body = 'abcdefghijklmnopqrstuvwxyz';
const digest = digestOf(body);

/** A source that hands its bytes in small chunks and counts how often it was opened. */
function chunked(chunkSize = 4) {
  const opened = { count: 0 };
  const open = async () => {
    opened.count += 1;
    const chunks: Buffer[] = [];
    for (let i = 0; i < body.length; i += chunkSize) chunks.push(Buffer.from(body.slice(i, i + chunkSize)));
    return Readable.from(chunks);
  };
  return { open, opened };
}

describe('a stream blob source (what a copy pushes)', () => {
  it('reads the whole blob, any range inside it (a resume), and opens the stream only when read', async () => {
    const { open, opened } = chunked();
    const source = await openSource({ open, digest, size: body.length });
    expect(opened.count).toBe(0);
    expect(source.size).toBe(body.length);
    expect(await source.computeDigest()).toBe(digest);
    expect(await text(source.read(0, body.length))).toBe(body);
    expect(await text(source.read(5, 11))).toBe(body.slice(5, 11));
    expect(await text(source.read(22, body.length))).toBe(body.slice(22));
    expect(await text(source.read(3, 3))).toBe('');
    expect(opened.count).toBe(3);
  });

  it('a source that ends early fails the read, naming how many bytes came', async () => {
    const source = await openSource({ open: async () => Readable.from([Buffer.from('abc')]), digest, size: body.length });
    await expect(text(source.read(0, body.length))).rejects.toThrow('The source sent 3 bytes of a 26-byte range.');
  });

  it('an error opening the source is the read’s error', async () => {
    const source = await openSource({ open: async () => Promise.reject(new Error('source gone')), digest, size: body.length });
    await expect(text(source.read(0, 4))).rejects.toThrow('source gone');
  });

  it('a size that is not a byte count is refused', async () => {
    await expect(openSource({ open: chunked().open, digest, size: -1 })).rejects.toThrow('no valid size');
  });
});
