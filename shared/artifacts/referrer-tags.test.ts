import { describe, expect, it } from 'vitest';
import { foldReferrerTags, parseReferrerTag, tagSchemaTagFor } from './referrer-tags';

const hexA = 'a'.repeat(64);
const hexB = '0123456789abcdef'.repeat(4);

describe('parseReferrerTag', () => {
  it.each([
    [`sha256-${hexA}`, 'tag-schema'],
    [`sha256-${hexA}.sig`, 'cosign-signature'],
    [`sha256-${hexA}.att`, 'cosign-attestation'],
    [`sha256-${hexA}.sbom`, 'cosign-sbom'],
    [`sha512-${'f'.repeat(128)}`, 'tag-schema'],
  ])('recognises %s as %s', (tag, kind) => {
    const ref = parseReferrerTag(tag);
    expect(ref?.kind).toBe(kind);
    expect(ref?.digest).toBe(tag.split('.')[0]?.replace('-', ':'));
  });

  it.each([
    ['latest'],
    [`sha256-${hexA.slice(1)}`],
    [`sha256-${hexA.toUpperCase()}`],
    [`sha256-${hexA}.sig.bak`],
    [`sha256-${hexA}.cert`],
    [`md5-${'a'.repeat(32)}`],
    [`v1-sha256-${hexA}`],
  ])('leaves %s as an ordinary tag', (tag) => {
    expect(parseReferrerTag(tag)).toBeUndefined();
  });

  it('names the tag-schema tag for a digest', () => {
    expect(tagSchemaTagFor(`sha256:${hexA}`)).toBe(`sha256-${hexA}`);
  });
});

describe('foldReferrerTags', () => {
  it('splits ordinary tags from referrer tags grouped by the digest they point at', () => {
    const folded = foldReferrerTags([
      'v1.0.0',
      `sha256-${hexA}.sig`,
      'latest',
      `sha256-${hexB}`,
      `sha256-${hexA}.att`,
      `sha256-${hexA}`,
      `sha256-${hexB}.sbom`,
    ]);
    expect(folded.tags).toEqual(['v1.0.0', 'latest']);
    expect(folded.referrers).toEqual([
      {
        digest: `sha256:${hexA}`,
        tags: [
          { tag: `sha256-${hexA}.sig`, kind: 'cosign-signature', digest: `sha256:${hexA}` },
          { tag: `sha256-${hexA}.att`, kind: 'cosign-attestation', digest: `sha256:${hexA}` },
          { tag: `sha256-${hexA}`, kind: 'tag-schema', digest: `sha256:${hexA}` },
        ],
      },
      {
        digest: `sha256:${hexB}`,
        tags: [
          { tag: `sha256-${hexB}`, kind: 'tag-schema', digest: `sha256:${hexB}` },
          { tag: `sha256-${hexB}.sbom`, kind: 'cosign-sbom', digest: `sha256:${hexB}` },
        ],
      },
    ]);
  });

  it('returns empty lists for no tags', () => {
    expect(foldReferrerTags([])).toEqual({ tags: [], referrers: [] });
  });
});
