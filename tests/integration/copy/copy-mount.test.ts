import { describe, expect, it } from 'vitest';
import { copyAndWait, itemsOf, REMOTE, useCopyEnv } from './copy-env';
import { seedIndexWithReferrers } from './seed-copy';

const env = useCopyEnv('copy-mount');

describe('copy within one registry mounts blobs across repositories', () => {
  it('every blob is mounted (POST ?mount=, 201): no PATCH and no blob PUT go through the proxy, and every digest is kept', async () => {
    const seeded = await seedIndexWithReferrers(env.registry.host, 'team/app', 'v1');
    env.proxy.clearRecord();
    const view = await copyAndWait(env, { from: { registryId: REMOTE, repository: 'team/app', reference: 'v1' }, to: { registryId: REMOTE, repository: 'prod/app' }, referrers: true });
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
    const uploads = env.proxy.requests.filter((r) => r.path.includes('/blobs/uploads/'));
    const mounts = uploads.filter((r) => r.method === 'POST' && r.path.includes('mount='));
    expect(mounts.length).toBe(seeded.blobDigests.length);
    expect(mounts.every((r) => r.status === 201)).toBe(true);
    expect(uploads.filter((r) => r.method === 'PATCH' || r.method === 'PUT')).toEqual([]);
    expect(env.proxy.requests.filter((r) => r.method === 'GET' && r.path.includes('/blobs/sha256'))).toEqual([]);
    const blobItems = (await itemsOf(env, view.id)).filter((item) => item.id.startsWith('blob-'));
    expect(blobItems.map((item) => item.state)).toEqual(seeded.blobDigests.map(() => 'mounted'));
    expect(blobItems[0]?.note).toBe('mounted from team/app');
    const destination = await env.catalog.repositoryFor(REMOTE, 'prod/app');
    expect((await destination.resolve('v1')).digest).toBe(seeded.index.index.digest);
    for (const digest of seeded.manifestDigests) expect(await destination.manifests().exists(digest)).toBe(true);
  });

  it('a second copy to the same place finds everything there: blobs and manifests are `exists`, nothing is sent', async () => {
    env.proxy.clearRecord();
    const view = await copyAndWait(env, { from: { registryId: REMOTE, repository: 'team/app', reference: 'v1' }, to: { registryId: REMOTE, repository: 'prod/app' }, referrers: true });
    expect(view.state).toBe('done');
    expect(env.proxy.requests.filter((r) => r.path.includes('/blobs/uploads/'))).toEqual([]);
    const states = new Set((await itemsOf(env, view.id)).map((item) => item.state));
    expect([...states]).toEqual(['exists']);
  });

  it('the same repository and tag is refused with a message that says what to choose', async () => {
    await expect(
      env.copy.handlers['copy.start']({ from: { registryId: REMOTE, repository: 'team/app', reference: 'v1' }, to: { registryId: REMOTE, repository: 'team/app' }, referrers: false }, { signal: new AbortController().signal }),
    ).rejects.toThrow(/already is: choose another repository/);
  });
});
