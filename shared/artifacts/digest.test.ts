import { describe, expect, it } from 'vitest';
import { isDigest } from './digest';
import { isMediaType } from './media-type-syntax';

describe('isDigest', () => {
  it.each([`sha256:${'a'.repeat(64)}`, `sha512:${'0'.repeat(128)}`, 'blake3:abcDEF012_-='])('accepts %s', (d) => {
    expect(isDigest(d)).toBe(true);
  });

  it.each([`sha256:${'a'.repeat(63)}`, `sha256:${'A'.repeat(64)}`, 'sha256', ':abc', `SHA256:${'a'.repeat(64)}`, 42, `x:${'a'.repeat(300)}`])('refuses %s', (d) => {
    expect(isDigest(d)).toBe(false);
  });
});

describe('isMediaType', () => {
  it.each(['application/vnd.oci.image.manifest.v1+json', 'text/plain', 'application/vnd.cncf.notary.signature'])('accepts %s', (t) => {
    expect(isMediaType(t)).toBe(true);
  });

  it.each(['text', 'text/', 'text/plain; charset=utf-8', '<script>/x', 'a/b c', '', null])('refuses %j', (t) => {
    expect(isMediaType(t)).toBe(false);
  });
});
