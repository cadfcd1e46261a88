import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayoutDamaged, openLocalStore, type LayoutRepository } from '../../../electron/store';
import { makeTempDir, removeTempDir } from '../../support/processes';
import { pushImage } from './helpers';

let dataDir: string;

beforeAll(async () => {
  dataDir = await makeTempDir('store-gc');
});
afterAll(async () => {
  await removeTempDir(dataDir);
});

async function blobsOf(repo: LayoutRepository): Promise<string[]> {
  return (await readdir(join(repo.dir, 'blobs', 'sha256'))).map((hex) => `sha256:${hex}`).sort();
}

/** Every file of the layout with its content hash, to prove nothing was changed. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.set(path, createHash('sha256').update(await readFile(path)).digest('hex'));
    }
  };
  await walk(dir);
  return out;
}

describe('delete and garbage collection', () => {
  it('deleting a digest removes all its tags and only the blobs nothing else refers to', async () => {
    const repo = openLocalStore(dataDir, { gcGraceMs: 0 }).repository('gc/repo');
    const kept = await pushImage(repo, 'keep');
    const gone = await pushImage(repo, 'gone');
    await repo.pushManifest({ schemaVersion: 2, config: gone.config, layers: [gone.layer] }, 'gone-too'); // same digest, second tag
    // A second artifact sharing the deleted one's layer keeps that layer alive.
    const sharing = await repo.pushManifest({ schemaVersion: 2, config: kept.config, layers: [gone.layer] }, 'shares-layer');
    expect(await repo.allTags()).toEqual(['gone', 'gone-too', 'keep', 'shares-layer']);

    await repo.manifests().delete(gone.manifest.digest);

    expect(await repo.allTags()).toEqual(['keep', 'shares-layer']);
    const blobs = await blobsOf(repo);
    expect(blobs).not.toContain(gone.manifest.digest);
    expect(blobs).not.toContain(gone.config.digest);
    expect(blobs).toContain(gone.layer.digest);
    expect(blobs).toEqual([kept.manifest.digest, kept.config.digest, kept.layer.digest, gone.layer.digest, sharing.digest].sort());
    expect(await repo.manifests().exists(gone.manifest.digest)).toBe(false);
    expect((await repo.check()).missing).toEqual([]);
  });

  it('an explicit GC removes an abandoned blob, and spares recent ones under the default grace period', async () => {
    const graced = openLocalStore(dataDir).repository('gc/graced');
    await pushImage(graced, 'v1');
    const stray = await graced.blobs().push({ data: Buffer.from('written by a push that never finished') });
    expect((await graced.gc()).removed).toEqual([]);
    expect(await graced.blobs().exists(stray.digest)).toBe(true);

    const eager = openLocalStore(dataDir, { gcGraceMs: 0 }).repository('gc/graced');
    expect((await eager.gc()).removed).toEqual([stray.digest]);
    expect(await eager.blobs().exists(stray.digest)).toBe(false);
    expect(await eager.allTags()).toEqual(['v1']);
  });

  it('GC removes temp files a crash left: a partial blob in ingest/ and a half-written index', async () => {
    const repo = openLocalStore(dataDir, { gcGraceMs: 0 }).repository('gc/temps');
    await pushImage(repo, 'v1');
    await writeFile(join(repo.dir, 'ingest', '999999-0123456789abcdef.partial'), 'half a blob');
    await writeFile(join(repo.dir, '.index.json.a1b2c3.tmp'), '{"schemaVer');
    await repo.gc();
    expect(await readdir(join(repo.dir, 'ingest'))).toEqual([]);
    expect((await readdir(repo.dir)).sort()).toEqual(['blobs', 'index.json', 'ingest', 'oci-layout']);
    expect(await repo.allTags()).toEqual(['v1']);
  });

  it('the manifest of an untagged referrer is kept by GC, found through its subject', async () => {
    const repo = openLocalStore(dataDir, { gcGraceMs: 0 }).repository('gc/referrers');
    const { manifest, config } = await pushImage(repo, 'v1');
    const sig = await repo.pushManifest({ schemaVersion: 2, artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json', config, layers: [], subject: manifest });
    await repo.gc();
    expect(await repo.referrers(manifest.digest)).toEqual([expect.objectContaining({ digest: sig.digest })]);
  });
});

describe('a damaged layout is reported, never changed', () => {
  it('a missing manifest blob: reading names the file, delete and GC refuse and touch nothing', async () => {
    const repo = openLocalStore(dataDir, { gcGraceMs: 0 }).repository('damaged/missing');
    const a = await pushImage(repo, 'a');
    const b = await pushImage(repo, 'b');
    await repo.blobs().push({ data: Buffer.from('an unreferenced blob GC would remove') });
    await rm(join(repo.dir, 'blobs', 'sha256', a.manifest.digest.slice(7)));
    const before = await snapshot(repo.dir);

    await expect(repo.manifests().fetch('a')).rejects.toThrow(new RegExp(`damaged: index.json names manifest sha256:${a.manifest.digest.slice(7, 19)}.* \\(tag a\\), but blobs/sha256/${a.manifest.digest.slice(7)} is missing`));
    await expect(repo.gc()).rejects.toBeInstanceOf(LayoutDamaged);
    // GC cannot know what the missing manifest refers to, so deleting anything else is refused too.
    await expect(repo.manifests().delete(b.manifest.digest)).rejects.toBeInstanceOf(LayoutDamaged);
    await expect(repo.check()).rejects.toThrow(/is missing/);
    expect(await snapshot(repo.dir)).toEqual(before);

    // Deleting the broken entry itself is the user's explicit repair: afterwards the layout is whole.
    await repo.manifests().delete(a.manifest.digest);
    expect(await repo.allTags()).toEqual(['b']);
    expect((await repo.check()).missing).toEqual([]);
  });

  it('a bad index.json: every read and write says so and the file stays as it was', async () => {
    const repo = openLocalStore(dataDir).repository('damaged/index');
    await pushImage(repo, 'v1');
    await writeFile(join(repo.dir, 'index.json'), '{"schemaVersion":2,"manifests":[{"mediaType":"x","digest":"nope","size":1}]');
    const before = await snapshot(repo.dir);
    await expect(repo.allTags()).rejects.toThrow('The Local repository "damaged/index" is damaged: index.json is not valid JSON');
    await expect(pushImage(repo, 'v2')).rejects.toThrow(/index\.json is not valid JSON/);
    await writeFile(join(repo.dir, 'index.json'), '{"schemaVersion":2,"manifests":[{"mediaType":"x","digest":"nope","size":1}]}');
    await expect(repo.allTags()).rejects.toThrow(/index\.json has an invalid entry manifests\[0\]: no valid digest/);
    await writeFile(join(repo.dir, 'index.json'), '{"schemaVersion":2,"manifests":[{"mediaType":"x","digest":"nope","size":1}]');
    const after = await snapshot(repo.dir);
    // Only the blobs pushImage wrote before the index was refused are new; the index is the same bytes.
    expect(after.get(join(repo.dir, 'index.json'))).toBe(before.get(join(repo.dir, 'index.json')));
  });

  it('an oci-layout without index.json is damage; an index.json without oci-layout is a creation cut short, which the next write completes', async () => {
    const store = openLocalStore(dataDir);
    const noIndex = store.repository('damaged/no-index');
    await pushImage(noIndex, 'v1');
    await rm(join(noIndex.dir, 'index.json'));
    await expect(noIndex.allTags()).rejects.toThrow('The Local repository "damaged/no-index" is damaged: index.json is missing');
    await expect(pushImage(noIndex, 'v2')).rejects.toBeInstanceOf(LayoutDamaged);
    expect(await readdir(noIndex.dir)).not.toContain('index.json');

    const cutShort = store.repository('half/made');
    await pushImage(cutShort, 'v1');
    await rm(join(cutShort.dir, 'oci-layout'));
    const names: string[] = [];
    for await (const name of store.repositories()) names.push(name);
    expect(names).not.toContain('half/made');
    await expect(cutShort.allTags()).rejects.toMatchObject({ code: 'not-found' });
    await pushImage(cutShort, 'v2');
    expect(await cutShort.allTags()).toEqual(['v1', 'v2']);
  });

  it('a corrupt layer blob: reading it fails naming the file, and the blob is left in place', async () => {
    const repo = openLocalStore(dataDir).repository('damaged/blob');
    const { layer } = await pushImage(repo, 'v1', 1000);
    const path = join(repo.dir, 'blobs', 'sha256', layer.digest.slice(7));
    await writeFile(path, Buffer.alloc(1000, 7));
    const stream = await repo.blobs().fetch(layer);
    await expect((async () => {
      for await (const _chunk of stream) void _chunk;
    })()).rejects.toThrow(`blobs/sha256/${layer.digest.slice(7)} does not match its digest`);
    expect((await stat(path)).size).toBe(1000);
  });
});
