import { createHash, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Descriptor } from '../../../electron/oci/manifests/manifest-types';
import { runCommand } from '../../support/processes';
import { ctx, exportAndWait, namesIn, REMOTE, retryAndWait, skopeoRaw, useExportEnv, viewOf } from './export-env';

const env = useExportEnv('export-faults');
let root: Descriptor;
let layer: string;

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** An image with a 12 MiB layer in the real registry, so a transfer can be cut half-way through. */
beforeAll(async () => {
  const repo = await env.catalog.repositoryFor(REMOTE, 'big/app');
  const bytes = randomBytes(12 * 1024 * 1024);
  const pushed = await repo.blobs().push({ data: bytes });
  layer = pushed.digest;
  const config = await repo.blobs().push({ data: Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [pushed.digest] } })) });
  root = await repo.pushManifest(
    {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: pushed.digest, size: pushed.size }],
    },
    'v1',
  );
}, 60_000);

const layerGet = () => ({ method: 'GET', path: new RegExp(`/blobs/${layer}`) });

describe('an export cut half-way by the network', () => {
  it('to a tarball: fails with no tarball and no work files left; the retry completes and skopeo reads it', async () => {
    const dir = join(env.out, 'reset-archive');
    await mkdir(dir);
    const file = join(dir, 'app.tar');
    env.proxy.fault({ ...layerGet(), times: Infinity, fault: { kind: 'reset-response', afterBytes: 6 * 1024 * 1024 } });
    const failed = await exportAndWait(env, { source: { registryId: REMOTE, repository: 'big/app', reference: 'v1' }, target: { format: 'archive', path: file }, referrers: false });
    expect(failed.state).toBe('failed');
    expect(failed.canRetry).toBe(true);
    expect(failed.error?.message).toContain(layer.slice(0, 19));
    expect(await namesIn(dir)).toEqual([]);

    env.proxy.clearFaults();
    const retried = await retryAndWait(env, failed.id);
    expect(retried.error).toBeUndefined();
    expect(retried.state).toBe('done');
    expect(await namesIn(dir)).toEqual(['app.tar']);
    expect(sha256(await skopeoRaw(`oci-archive:${file}:v1`))).toBe(root.digest);
  });

  it('to a new folder: fails and takes the folder away again; the retry writes the whole layout', async () => {
    const dir = join(env.out, 'reset-folder');
    env.proxy.fault({ ...layerGet(), times: Infinity, fault: { kind: 'reset-response', afterBytes: 6 * 1024 * 1024 } });
    const failed = await exportAndWait(env, { source: { registryId: REMOTE, repository: 'big/app', reference: 'v1' }, target: { format: 'folder', path: dir }, referrers: false });
    expect(failed.state).toBe('failed');
    expect(await namesIn(env.out)).not.toContain('reset-folder');

    env.proxy.clearFaults();
    const retried = await retryAndWait(env, failed.id);
    expect(retried.state).toBe('done');
    expect(await namesIn(dir)).toEqual(['blobs', 'index.json', 'oci-layout']);
    expect(sha256(await skopeoRaw(`oci:${dir}:v1`))).toBe(root.digest);
  });
});

describe('a cancelled export', () => {
  it('to a tarball leaves no file at all', async () => {
    const dir = join(env.out, 'cancel-archive');
    await mkdir(dir);
    env.proxy.clearRecord();
    env.proxy.fault({ ...layerGet(), times: Infinity, fault: { kind: 'drip', bytesPerTick: 64 * 1024, tickMs: 10 } });
    const { transferId } = await env.exports.handlers['exports.start'](
      { source: { registryId: REMOTE, repository: 'big/app', reference: 'v1' }, target: { format: 'archive', path: join(dir, 'app.tar') }, referrers: false },
      ctx,
    );
    await expect.poll(async () => (await viewOf(env, transferId)).bytes).toBeGreaterThan(0);
    await env.transfers.handlers['transfers.cancel']({ id: transferId }, ctx);
    await env.transfers.queue.settled(transferId);
    env.proxy.clearFaults();
    expect((await viewOf(env, transferId)).state).toBe('cancelled');
    expect(await namesIn(dir)).toEqual([]);
  });

  it('into an existing layout keeps everything it had and nothing the export wrote', async () => {
    const dir = join(env.out, 'cancel-layout');
    await runCommand('skopeo', ['copy', '--preserve-digests', '--quiet', '--src-tls-verify=false', `docker://${env.registry.host}/big/app:v1`, `oci:${dir}:old`]);
    // Only the config of the other image is new to the layout; its layer is held back, then cancelled.
    const other = await env.catalog.repositoryFor(REMOTE, 'big/other');
    const config = await other.blobs().push({ data: Buffer.from(JSON.stringify({ architecture: 'arm64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } })) });
    const bigLayer = await other.blobs().push({ data: randomBytes(8 * 1024 * 1024) });
    await other.pushManifest(
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: bigLayer.digest, size: bigLayer.size }],
      },
      'v1',
    );
    const before = await namesIn(join(dir, 'blobs', 'sha256'));
    env.proxy.fault({ method: 'GET', path: new RegExp(`/blobs/${bigLayer.digest}`), times: Infinity, fault: { kind: 'drip', bytesPerTick: 64 * 1024, tickMs: 10 } });
    const { transferId } = await env.exports.handlers['exports.start'](
      { source: { registryId: REMOTE, repository: 'big/other', reference: 'v1' }, target: { format: 'folder', path: dir }, referrers: false },
      ctx,
    );
    await expect.poll(async () => (await viewOf(env, transferId)).counts.done ?? 0).toBeGreaterThan(0);
    await env.transfers.handlers['transfers.cancel']({ id: transferId }, ctx);
    await env.transfers.queue.settled(transferId);
    env.proxy.clearFaults();
    expect((await viewOf(env, transferId)).state).toBe('cancelled');
    expect(await namesIn(join(dir, 'blobs', 'sha256'))).toEqual(before);
    expect(sha256(await skopeoRaw(`oci:${dir}:old`))).toBe(root.digest);
  });
});
