import { describe, expect, it } from 'vitest';
import { REF_NAME } from '../store/layout-index';
import { repositoryNameFor, splitRepositories } from './split-repositories';

const d = (n: number, ref?: string) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${String(n).repeat(64).slice(0, 64)}`, size: n, ...(ref ? { annotations: { [REF_NAME]: ref } } : {}) });

describe('splitRepositories', () => {
  it('puts bare tags in the default repository, full references in their own, and the rest untagged', () => {
    const split = splitRepositories([d(1, 'latest'), d(2, 'docker.io/library/alpine:3.19'), d(3, 'alpine:edge'), d(4), d(5, 'localhost:5000/team/app@sha256:' + '5'.repeat(64)), d(6, 'not a name!'), d(7, 'latest')], 'folder');
    expect([...split.keys()].sort()).toEqual(['folder', 'library/alpine', 'team/app']);
    expect([...split.get('folder')!.tags]).toEqual([['latest', { mediaType: d(7).mediaType, digest: d(7).digest, size: 7 }]]);
    expect([...split.get('library/alpine')!.tags.keys()]).toEqual(['3.19', 'edge']);
    expect(split.get('folder')!.untagged.map((e) => e.size)).toEqual([4, 6]);
    expect(split.get('team/app')!.untagged.map((e) => e.size)).toEqual([5]);
  });
});

describe('repositoryNameFor', () => {
  it.each([
    ['/x/My Images.tar', 'my-images'],
    ['/x/alpine_3.19', 'alpine_3.19'],
    ['/x/--weird--.tar.gz', 'weird'],
    ['/x/Ünïcode', 'n-code'],
    ['/x/___', 'layout'],
  ])('%s → %s', (path, name) => expect(repositoryNameFor(path)).toBe(name));
});
