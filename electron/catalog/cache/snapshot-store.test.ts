import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeSnapshot, SNAPSHOT_VERSION } from './snapshot-format';
import { SnapshotStore } from './snapshot-store';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'snapshot-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const URL_A = 'http://127.0.0.1:5000';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const listing = (tags: string[], referrerTags: Record<string, string[]> = {}) => ({ registryId: 'r', repository: 'team/app', tags, referrerTags });

describe('SnapshotStore', () => {
  it('writes the listing, tags, digests and summaries and reads them back in a new store', async () => {
    const dir = await tempDir();
    const store = new SnapshotStore(dir);
    const snapshot = await store.get('r', URL_A);
    snapshot.setListing('catalog', ['team/app', 'team/db']);
    snapshot.setTags('team/app', listing(['2.0', '1.0']));
    snapshot.setDigest('team/app', '2.0', D1);
    snapshot.setSummary('team/app', { tagCount: 2, kinds: { image: 2 } });
    await store.save('r');
    expect(snapshot.dirty).toBe(false);
    expect((await readdir(dir)).every((f) => f.endsWith('.json'))).toBe(true);

    const again = await new SnapshotStore(dir).get('r', URL_A);
    expect(again.listing).toEqual({ source: 'catalog', names: ['team/app', 'team/db'] });
    expect(again.repository('team/app')).toEqual({ tags: ['2.0', '1.0'], referrerTags: {}, digests: { '2.0': D1 }, summary: { tagCount: 2, kinds: { image: 2 } } });
  });

  it('drops digests of tags that a new tag list no longer has', async () => {
    const snapshot = await new SnapshotStore(await tempDir()).get('r', URL_A);
    snapshot.setTags('team/app', listing(['1.0', '2.0']));
    snapshot.setDigest('team/app', '1.0', D1);
    snapshot.setDigest('team/app', '2.0', D2);
    snapshot.setTags('team/app', listing(['2.0']));
    expect(snapshot.repository('team/app')?.digests).toEqual({ '2.0': D2 });
  });

  it('ignores a snapshot of another registry address, another version, or a malformed file', async () => {
    const dir = await tempDir();
    const store = new SnapshotStore(dir);
    (await store.get('r', URL_A)).setListing('catalog', ['team/app']);
    await store.save('r');
    const [file] = await readdir(dir);
    const path = join(dir, file!);
    expect((await new SnapshotStore(dir).get('r', 'http://elsewhere:5000')).listing).toBeUndefined();

    const good = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...good, version: SNAPSHOT_VERSION + 1 }));
    expect((await new SnapshotStore(dir).get('r', URL_A)).listing).toBeUndefined();
    await writeFile(path, '{"version":1,');
    expect((await new SnapshotStore(dir).get('r', URL_A)).listing).toBeUndefined();
  });

  it('refuses hostile content: names that are not repository names, digests that are not digests', () => {
    const bad = (repositories: unknown, names: unknown = ['ok']) =>
      decodeSnapshot(Buffer.from(JSON.stringify({ version: SNAPSHOT_VERSION, url: URL_A, listing: { source: 'catalog', names }, repositories })), URL_A);
    expect(bad({}, ['../../etc'])).toBeUndefined();
    expect(bad({ 'team/app': { digests: { '1.0': 'sha256:nothex' } } })).toBeUndefined();
    expect(bad({ 'team/app': { digests: {}, summary: { tagCount: -1, kinds: {} } } })).toBeUndefined();
    expect(bad({ 'team/app': { digests: {}, summary: { tagCount: 1, kinds: { 'not-a-kind': 1 } } } })).toBeUndefined();
    expect(bad({ 'team/app': { digests: {}, extra: 1 } })).toBeUndefined();
    expect(bad({ 'team/app': { digests: { '1.0': D1 } } })?.repositories['team/app']?.digests).toEqual({ '1.0': D1 });
  });

  it('coalesces saves asked for while one is being written, and the last state is what is on disk', async () => {
    const dir = await tempDir();
    const store = new SnapshotStore(dir);
    const snapshot = await store.get('r', URL_A);
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 50; i += 1) {
      snapshot.setSummary('team/app', { tagCount: i, kinds: {} });
      saves.push(store.save('r'));
    }
    await Promise.all(saves);
    expect((await new SnapshotStore(dir).get('r', URL_A)).repository('team/app')?.summary?.tagCount).toBe(49);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a folder it cannot write to costs nothing but the snapshot: save resolves and the state stays dirty', async () => {
    const dir = await tempDir();
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'x');
    const store = new SnapshotStore(join(blocker, 'catalog'));
    const snapshot = await store.get('r', URL_A);
    snapshot.setListing('catalog', ['team/app']);
    await expect(store.save('r')).resolves.toBeUndefined();
    expect(snapshot.dirty).toBe(true);
  });

  it('removes temp files a crashed write left behind when it first reads', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'abc.json.123456.tmp'), '{"half":');
    await new SnapshotStore(dir).get('r', URL_A);
    expect(await readdir(dir)).toEqual([]);
  });
});
