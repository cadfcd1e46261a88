import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../electron/store';
import { SeedHttp } from '../../support/seed/registry-http';
import { LANDED } from '../../../electron/transfers/item-list';
import { copyAndWait, itemsOf, LOCAL, REMOTE, retryAndWait, useCopyEnv, viewOf } from './copy-env';
import { seedIndexWithReferrers } from './seed-copy';

const env = useCopyEnv('copy-faults');

describe('copy with the connection reset half-way', () => {
  it('fails with no manifest at the destination; the retry completes, sending only what had not landed', async () => {
    const seeded = await seedIndexWithReferrers(env.registry.host, 'src/app', 'v1');
    const staged = await copyAndWait(env, { from: { registryId: REMOTE, repository: 'src/app', reference: 'v1' }, to: { registryId: LOCAL, repository: 'staged/app' }, referrers: true });
    expect(staged.state).toBe('done');

    // Local → remote: one blob's upload is reset every time, the others go through.
    const victim = seeded.blobDigests[Math.floor(seeded.blobDigests.length / 2)] as string;
    const hex = victim.slice('sha256:'.length);
    env.proxy.fault({ method: 'PUT', path: new RegExp(hex), times: Infinity, fault: { kind: 'reset-request', afterBytes: 10 } });
    env.proxy.clearRecord();
    const failed = await copyAndWait(env, { from: { registryId: LOCAL, repository: 'staged/app', reference: 'v1' }, to: { registryId: REMOTE, repository: 'dest/app' }, referrers: true });
    expect(failed.state).toBe('failed');
    expect(failed.canRetry).toBe(true);
    expect(failed.error?.message).toContain(victim.slice(0, 19));
    expect(env.proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/'))).toEqual([]);
    const destination = await env.catalog.repositoryFor(REMOTE, 'dest/app');
    for (const digest of seeded.manifestDigests) expect(await destination.manifests().exists(digest)).toBe(false);
    expect(await destination.manifests().exists('v1')).toBe(false);

    const items = await itemsOf(env, failed.id);
    const landed = items.filter((item) => LANDED.has(item.state) && item.digest !== undefined).map((item) => item.digest as string);
    expect(landed.length).toBeGreaterThan(0);
    expect(landed).not.toContain(victim);

    env.proxy.clearFaults();
    env.proxy.clearRecord();
    const retried = await retryAndWait(env, failed.id);
    expect(retried.error).toBeUndefined();
    expect(retried.state).toBe('done');
    for (const digest of landed) expect(env.proxy.requests.filter((r) => r.path.includes(digest.slice('sha256:'.length)))).toEqual([]);
    expect(env.proxy.requests.some((r) => r.method === 'PUT' && r.path.includes(hex))).toBe(true);
    for (const digest of seeded.manifestDigests) expect(await destination.manifests().exists(digest)).toBe(true);
    expect((await destination.resolve('v1')).digest).toBe(seeded.index.index.digest);
  });

  it('a cancel while blobs are uploading leaves no manifest; the retry completes the copy', async () => {
    const staged = await env.catalog.repositoryFor(LOCAL, 'staged/app');
    const rootDigest = (await staged.resolve('v1')).digest;
    env.proxy.fault({ method: 'PUT', path: /\/blobs\/uploads\//, times: Infinity, fault: { kind: 'delay', ms: 1500 } });
    const { transferId } = await env.copy.handlers['copy.start'](
      { from: { registryId: LOCAL, repository: 'staged/app', reference: 'v1' }, to: { registryId: REMOTE, repository: 'cancelled/app' }, referrers: true },
      { signal: new AbortController().signal },
    );
    await expect.poll(() => env.proxy.requests.some((r) => r.method === 'PUT' && r.path.includes('/cancelled/app/blobs/uploads/'))).toBe(true);
    await env.transfers.handlers['transfers.cancel']({ id: transferId }, { signal: new AbortController().signal });
    await env.transfers.queue.settled(transferId);
    const cancelled = await viewOf(env, transferId);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.canRetry).toBe(true);
    const destination = await env.catalog.repositoryFor(REMOTE, 'cancelled/app');
    expect(await destination.manifests().exists(rootDigest)).toBe(false);
    expect(env.proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/cancelled/app/manifests/'))).toEqual([]);

    env.proxy.clearFaults();
    const retried = await retryAndWait(env, transferId);
    expect(retried.error).toBeUndefined();
    expect(retried.state).toBe('done');
    expect((await destination.resolve('v1')).digest).toBe(rootDigest);
  });

  it('a source that is gone answers the call itself, naming what is missing', async () => {
    await expect(
      env.copy.handlers['copy.start']({ from: { registryId: REMOTE, repository: 'src/app', reference: 'nope' }, to: { registryId: LOCAL, repository: 'x/y' }, referrers: false }, { signal: new AbortController().signal }),
    ).rejects.toMatchObject({ code: 'not-found' });
    await expect(
      env.copy.handlers['copy.start']({ from: { registryId: 'gone', repository: 'src/app', reference: 'v1' }, to: { registryId: LOCAL, repository: 'x/y' }, referrers: false }, { signal: new AbortController().signal }),
    ).rejects.toThrow(/source registry is no longer saved/);
  });
});

describe('copy of a large blob with the upload cut mid-body', () => {
  it('Distribution drops the cut session: the blob goes again in a fresh one, reading the source stream again, and lands with its digest', async () => {
    const local = openLocalStore(env.dataDir).repository('big/app');
    const layerBytes = randomBytes(12 * 1024 * 1024);
    const layer = await local.blobs().push({ data: layerBytes });
    const config = await local.blobs().push({ data: Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [layer.digest] } })) });
    const root = await local.pushManifest(
      {
        schemaVersion: 2,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer.digest, size: layer.size }],
      },
      'v1',
    );
    env.proxy.clearRecord();
    env.proxy.fault({ method: 'PATCH', fault: { kind: 'reset-request', afterBytes: 5 * 1024 * 1024 } });
    const view = await copyAndWait(env, { from: { registryId: LOCAL, repository: 'big/app', reference: 'v1' }, to: { registryId: REMOTE, repository: 'big/app' }, referrers: false });
    env.proxy.clearFaults();
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
    const patches = env.proxy.requests.filter((r) => r.method === 'PATCH');
    expect(patches[0]?.fault).toBe('reset-request');
    expect(patches.length).toBeGreaterThan(1);
    const http = new SeedHttp(env.registry.host);
    try {
      expect(Buffer.from(await http.getBlob('big/app', layer.digest, 13 * 1024 * 1024)).equals(layerBytes)).toBe(true);
      expect((await http.getManifest('big/app', 'v1')).digest).toBe(root.digest);
    } finally {
      await http.close();
    }
  });
});
