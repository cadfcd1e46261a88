import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DraftStore, removeStaleWork } from './draft-store';

let root: string;
let clock = 0;
let store: DraftStore;
const detected = { kind: 'files' as const, reason: 'test' };

async function withWork(id: string) {
  const draft = store.get(id);
  await mkdir(draft.workDir, { recursive: true });
  await writeFile(join(draft.workDir, 'e0.tar.gz'), 'x');
  return draft;
}
const workDirs = async () => readdir(join(root, 'work')).catch(() => []);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'publish-drafts-'));
  clock = 1_000;
  store = new DraftStore(join(root, 'work'), () => clock, 60_000);
});
afterEach(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

describe('DraftStore', () => {
  it('keeps a draft by id until discarded; its work folder goes with it', async () => {
    const draft = store.create([], detected, undefined);
    expect(draft.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    await withWork(draft.id);
    expect(await workDirs()).toEqual([draft.id]);
    await store.discard(draft.id);
    expect(await workDirs()).toEqual([]);
    expect(() => store.get(draft.id)).toThrow('This publish draft is gone');
  });

  it('forgets drafts idle past the time-out, but not one a transfer is still using', async () => {
    const idle = store.create([], detected, undefined);
    const busy = store.create([], detected, undefined);
    await withWork(idle.id);
    await withWork(busy.id);
    busy.inFlight = 1;
    clock += 61_000;
    await store.sweep();
    expect(() => store.get(idle.id)).toThrow('gone');
    expect(store.get(busy.id).id).toBe(busy.id);
    expect(await workDirs()).toEqual([busy.id]);
  });

  it('discarded while a transfer runs: the work files stay until it succeeds, or after a failure until the time-out (for a retry)', async () => {
    const ok = store.create([], detected, undefined);
    const failing = store.create([], detected, undefined);
    await withWork(ok.id);
    await withWork(failing.id);
    ok.inFlight = 1;
    failing.inFlight = 1;
    await store.discard(ok.id);
    await store.discard(failing.id);
    expect((await workDirs()).sort()).toEqual([ok.id, failing.id].sort());
    await store.transferEnded(ok, true);
    await store.transferEnded(failing, false);
    expect(await workDirs()).toEqual([failing.id]);
    clock += 61_000;
    await store.sweep();
    expect(await workDirs()).toEqual([]);
  });

  it('a transfer that succeeded frees the work files at once; a failed one keeps them for a retry', async () => {
    const draft = store.create([], detected, undefined);
    await withWork(draft.id);
    draft.inFlight = 1;
    await store.transferEnded(draft, false);
    expect(await workDirs()).toEqual([draft.id]);
    draft.inFlight = 1;
    await store.transferEnded(draft, true);
    expect(await workDirs()).toEqual([]);
  });

  it('work folders a previous run left behind are removed once old enough', async () => {
    const work = join(root, 'work');
    await mkdir(join(work, 'dold'), { recursive: true });
    await mkdir(join(work, 'dnew'), { recursive: true });
    await utimes(join(work, 'dold'), 1, 1);
    expect(await removeStaleWork(work, 60_000)).toBe(1);
    expect(await readdir(work)).toEqual(['dnew']);
    expect(await removeStaleWork(join(root, 'absent'), 60_000)).toBe(0);
  });

  it('discarded after its transfer failed: the work files wait out the time-out for a retry', async () => {
    const draft = store.create([], detected, undefined);
    await withWork(draft.id);
    draft.inFlight = 1;
    await store.transferEnded(draft, false);
    await store.discard(draft.id);
    expect(await workDirs()).toEqual([draft.id]);
    clock += 61_000;
    await store.sweep();
    expect(await workDirs()).toEqual([]);
  });
});
