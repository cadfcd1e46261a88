import { describe, expect, it } from 'vitest';
import { emptyIndex, parseIndex, REF_NAME, serializeIndex, tagMap, withManifest, withoutDigest } from './layout-index';

const d = (n: number) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${String(n).repeat(64).slice(0, 64)}`, size: 100 + n });

describe('index.json of a layout', () => {
  it('keeps fields it does not know when written back (skopeo and oras add their own)', () => {
    const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', annotations: { a: 'b' }, manifests: [{ ...d(1), annotations: { [REF_NAME]: 'v1', other: 'x' } }] }));
    const index = parseIndex(bytes, 'r');
    expect(JSON.parse(serializeIndex(index).toString())).toEqual(JSON.parse(bytes.toString()));
  });

  it('moves a tag: the old entry of that name goes, other tags of the digest stay', () => {
    let index = withManifest(emptyIndex(), d(1), 'v1');
    index = withManifest(index, d(1), 'latest');
    index = withManifest(index, d(2), 'latest');
    expect([...tagMap(index)].map(([tag, e]) => [tag, e.digest])).toEqual([
      ['v1', d(1).digest],
      ['latest', d(2).digest],
    ]);
  });

  it('keeps an untagged manifest once, and drops that entry when the digest is tagged', () => {
    let index = withManifest(emptyIndex(), d(3));
    index = withManifest(index, d(3));
    expect(index.manifests).toEqual([d(3)]);
    index = withManifest(index, d(3), 'now-tagged');
    expect(index.manifests).toEqual([{ ...d(3), annotations: { [REF_NAME]: 'now-tagged' } }]);
    expect(withoutDigest(index, d(3).digest).manifests).toEqual([]);
  });

  it('lists only ref names that are tags; a full reference another tool stored is kept but not listed', () => {
    const index = parseIndex(Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [{ ...d(1), annotations: { [REF_NAME]: 'docker.io/library/alpine:3' } }, { ...d(2), annotations: { [REF_NAME]: '3.20' } }] })), 'r');
    expect([...tagMap(index).keys()]).toEqual(['3.20']);
    expect(withManifest(index, d(4), 'x').manifests).toHaveLength(3);
  });

  it.each([
    ['not json', /is not valid JSON/],
    ['[]', /is not a JSON object/],
    ['{"schemaVersion":1,"manifests":[]}', /schemaVersion 1, not 2/],
    ['{"schemaVersion":2}', /has no "manifests" list/],
    ['{"schemaVersion":2,"manifests":[{"mediaType":"x","digest":"sha256:abc","size":1}]}', /manifests\[0\]: no valid digest/],
    [`{"schemaVersion":2,"manifests":[{"mediaType":"x","digest":"${d(1).digest}","size":-1}]}`, /manifests\[0\]: no valid size/],
    [`{"schemaVersion":2,"manifests":[{"mediaType":"x","digest":"${d(1).digest}","size":1,"annotations":{"a":1}}]}`, /annotations that are not strings/],
  ])('reports %s as damage naming index.json', (text, problem) => {
    expect(() => parseIndex(Buffer.from(text), 'team/app')).toThrow(problem);
    expect(() => parseIndex(Buffer.from(text), 'team/app')).toThrow(/^The Local repository "team\/app" is damaged: index\.json/);
  });
});
