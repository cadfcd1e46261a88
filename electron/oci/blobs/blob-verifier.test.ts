import { describe, expect, it } from 'vitest';
import { BlobVerifier } from './blob-verifier';
import { digestBytes } from './digest';
import { parseUploadRange } from './upload-session';

const data = Buffer.from('hello, registry');
const descriptor = { digest: digestBytes(data), size: data.byteLength };

describe('BlobVerifier', () => {
  it('accepts exactly the described bytes in any chunking', () => {
    const verifier = new BlobVerifier(descriptor);
    verifier.update(data.subarray(0, 4));
    verifier.update(data.subarray(4));
    expect(() => verifier.finish()).not.toThrow();
    expect(verifier.bytes).toBe(data.byteLength);
  });

  it('fails the moment a chunk overflows the size, without counting it', () => {
    const verifier = new BlobVerifier({ ...descriptor, size: 5 });
    verifier.update(data.subarray(0, 3));
    expect(() => verifier.update(data.subarray(3, 6))).toThrow(expect.objectContaining({ reason: 'size-mismatch' }));
    expect(verifier.bytes).toBe(3);
  });

  it('reports a short body as truncated and wrong bytes as a digest mismatch', () => {
    const short = new BlobVerifier(descriptor);
    short.update(data.subarray(0, 5));
    expect(() => short.finish()).toThrow(expect.objectContaining({ reason: 'truncated', code: 'network' }));
    const wrong = new BlobVerifier(descriptor);
    wrong.update(Buffer.from('HELLO, REGISTRY'));
    expect(() => wrong.finish()).toThrow(expect.objectContaining({ reason: 'digest-mismatch' }));
  });

  it('refuses a malformed digest up front', () => {
    expect(() => new BlobVerifier({ digest: 'md5:abc', size: 1 })).toThrow(/not valid/);
  });
});

describe('parseUploadRange', () => {
  it('reads Distribution and spec forms, and treats absent or odd values as nothing received', () => {
    expect(parseUploadRange('0-5242879')).toBe(5242880);
    expect(parseUploadRange('bytes=0-99')).toBe(100);
    expect(parseUploadRange(undefined)).toBe(0);
    expect(parseUploadRange('0-0')).toBe(0);
    expect(parseUploadRange('5-9')).toBe(0);
    expect(parseUploadRange('0-99999999999999999999')).toBe(0);
  });
});
