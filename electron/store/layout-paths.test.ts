import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobFile, repositoryDir } from './layout-paths';

describe('Local repository paths', () => {
  it('maps a name to nested folders under the root', () => {
    expect(repositoryDir('/data/local', 'team/app')).toBe(join('/data/local', 'team', 'app'));
  });

  it.each(['..', '../x', 'a/../../b', '/etc', 'a//b', 'a/', 'A', 'a\\b', 'a/blobs', 'blobs', 'a/ingest', 'index.json', 'x/oci-layout', ''])('refuses %j', (name) => {
    expect(() => repositoryDir('/data/local', name)).toThrow();
  });

  it('names blobs by algorithm and hex, and refuses a digest that is not one', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(blobFile('/l', digest)).toBe(join('/l', 'blobs', 'sha256', 'a'.repeat(64)));
    expect(() => blobFile('/l', 'sha256:../../etc/passwd')).toThrow();
    expect(() => blobFile('/l', `md5:${'a'.repeat(32)}`)).toThrow();
  });
});
