import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { assertDigest, digestOf, digestProblem, digestStream } from './digest';

describe('digests', () => {
  it('accepts sha256 and sha512 of the right length, lowercase', () => {
    expect(digestProblem(`sha256:${'0'.repeat(64)}`)).toBeUndefined();
    expect(digestProblem(`sha512:${'f'.repeat(128)}`)).toBeUndefined();
  });

  it.each([
    ['sha256', /prefix/],
    [`md5:${'0'.repeat(32)}`, /not supported/],
    [`sha256:${'0'.repeat(63)}`, /64 hex characters, this one has 63/],
    [`sha256:${'A'.repeat(64)}`, /lowercase/],
    [`sha256:${'g'.repeat(64)}`, /other than 0-9 a-f/],
    [`sha512:${'0'.repeat(64)}`, /128/],
  ])('explains what is wrong with %s', (digest, why) => {
    expect(digestProblem(digest)).toMatch(why);
    expect(() => assertDigest(digest)).toThrow(why);
  });

  it('computes the empty JSON digest known from the image spec', () => {
    expect(digestOf('{}')).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });

  it('hashes a stream chunk by chunk to the same digest and size as the whole buffer', async () => {
    const data = Buffer.alloc(300_000, 7);
    const chunks = [data.subarray(0, 1), data.subarray(1, 100_000), data.subarray(100_000)];
    expect(await digestStream(Readable.from(chunks))).toEqual({ digest: digestOf(data), size: data.length });
    expect((await digestStream(Readable.from([data]), 'sha512')).digest).toBe(digestOf(data, 'sha512'));
  });
});
