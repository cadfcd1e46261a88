import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyManifest } from '../../../shared/artifacts/classify';
import { LocalStore } from '../../../electron/store';
import { GENERATED_KINDS, kindAt, repositoryName, writeManyLayouts } from './local-layouts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function generated(repositories: number, artifacts: number): Promise<{ root: string; store: LocalStore; files: number }> {
  const root = await mkdtemp(join(tmpdir(), 'bench-layouts-'));
  dirs.push(root);
  const { files } = await writeManyLayouts(root, repositories, artifacts);
  return { root, store: new LocalStore(root), files };
}

describe('generated Local layouts for the catalog bench', () => {
  it('are layouts the Local store lists, resolves and checks whole, every kind classified as meant', async () => {
    const { root, store, files } = await generated(12, 5);
    const onDisk = (await readdir(root, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length;
    expect(files).toBe(onDisk);
    expect(files).toBeGreaterThan(12 * 5 * 2);
    const names: string[] = [];
    for await (const name of store.repositories()) names.push(name);
    expect(names).toEqual(Array.from({ length: 12 }, (_, i) => repositoryName(i)).sort());
    const repo = store.repository(repositoryName(3));
    expect(await repo.allTags()).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0', 'v1.4.0']);
    expect(await repo.check()).toEqual({ manifests: 5, missing: [] });
    const seen = new Set<string>();
    for (let tag = 0; tag < 4; tag += 1) {
      const fetched = await repo.manifests().fetch(`v1.${tag}.0`);
      const kind = classifyManifest(JSON.parse(fetched.bytes.toString('utf8')) as object, { contentType: fetched.descriptor.mediaType }).kind;
      expect(kind).toBe(kindAt(3, tag));
      seen.add(kind);
    }
    expect([...seen].sort()).toEqual([...GENERATED_KINDS].sort());
  });

  it('are the same bytes on every run (deterministic digests)', async () => {
    const [a, b] = await Promise.all([generated(3, 4), generated(3, 4)]);
    for (const name of [0, 1, 2].map(repositoryName)) {
      const digests = async (store: LocalStore) => Promise.all((await store.repository(name).allTags()).map(async (tag) => (await store.repository(name).resolve(tag)).digest));
      expect(await digests(a.store)).toEqual(await digests(b.store));
    }
  });
});
