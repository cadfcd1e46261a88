import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { OCI_MANIFEST } from '../../../electron/oci/manifests/media-types';
import { download, freshFolder, pushArtifact, sha256, useDownloadEnv, type DownloadEnv } from './download-env';

const env: DownloadEnv = useDownloadEnv('download-blob-threats');
const TITLE = 'org.opencontainers.image.title';

/** Bytes at a manifest's digest, put straight into the registry (sizes a manifest may lie about). */
async function putManifest(repository: string, tag: string, manifest: unknown): Promise<void> {
  const response = await fetch(`${env.registry.url}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { 'content-type': OCI_MANIFEST },
    body: JSON.stringify(manifest),
  });
  if (response.status !== 201) throw new Error(`manifest PUT answered ${response.status}: ${await response.text()}`);
}

async function lyingSize(repository: string, size: number) {
  const data = randomBytes(4096);
  await pushArtifact(env, repository, 'base', [{ data, annotations: { [TITLE]: 'data.bin' } }]);
  await env.client.repository(repository).blobs().push({ data: Buffer.from('{}') });
  await putManifest(repository, 'v1', {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: 'application/vnd.stevedore.test.files',
    config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(Buffer.from('{}')), size: 2 },
    layers: [{ mediaType: 'application/octet-stream', digest: sha256(data), size, annotations: { [TITLE]: 'data.bin' } }],
  });
}

describe('blobs and manifests that lie', () => {
  it('refuses a blob whose bytes do not match its digest, leaving no file', async () => {
    const data = randomBytes(64 * 1024);
    await pushArtifact(env, 'threats/corrupt', 'v1', [{ data, annotations: { [TITLE]: 'data.bin' } }]);
    env.proxy.fault({
      method: 'GET',
      path: /\/blobs\/sha256:/,
      times: Infinity,
      fault: { kind: 'rewrite', transform: (r) => (r.body.length === data.length ? { ...r, body: Buffer.concat([Buffer.from([r.body[0]! ^ 0xff]), r.body.subarray(1)]) } : r) },
    });
    const folder = await freshFolder(env, 'corrupt');
    const view = await download(env, { repository: 'threats/corrupt', reference: 'v1', mode: 'files', folder });
    env.proxy.clearFaults();
    expect(view.state).toBe('failed');
    expect(view.error?.message).toMatch(/does not match its digest/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('stops a blob longer than its descriptor says', async () => {
    await lyingSize('threats/long', 1000);
    const folder = await freshFolder(env, 'long');
    const view = await download(env, { repository: 'threats/long', reference: 'v1', mode: 'files', folder });
    expect(view.state).toBe('failed');
    expect(view.error?.message).toMatch(/more than the 1000 bytes/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('stops a blob shorter than its descriptor says', async () => {
    await lyingSize('threats/short', 5000);
    const folder = await freshFolder(env, 'short');
    const view = await download(env, { repository: 'threats/short', reference: 'v1', mode: 'files', folder });
    expect(view.state).toBe('failed');
    expect(view.error?.message).toMatch(/short of the 5000/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses a descriptor claiming 2^62 bytes without allocating by it', async () => {
    await lyingSize('threats/absurd', 2 ** 62);
    const folder = await freshFolder(env, 'absurd');
    const view = await download(env, { repository: 'threats/absurd', reference: 'v1', mode: 'files', folder }).catch((error: Error) => error);
    const message = view instanceof Error ? view.message : (view.error?.message ?? '');
    expect(message).toMatch(/invalid size|size/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses a manifest over 4 MiB', async () => {
    await pushArtifact(env, 'threats/huge-manifest', 'v1', [{ data: Buffer.from('x'), annotations: { [TITLE]: 'x.txt' } }]);
    env.proxy.fault({
      method: 'GET',
      path: /\/manifests\/v1$/,
      times: Infinity,
      fault: { kind: 'rewrite', transform: (r) => ({ ...r, body: Buffer.concat([r.body.subarray(0, r.body.length - 1), Buffer.from(`,"pad":"${'p'.repeat(5 * 1024 * 1024)}"}`)]) }) },
    });
    const folder = await freshFolder(env, 'huge-manifest');
    const error = await download(env, { repository: 'threats/huge-manifest', reference: 'v1', mode: 'files', folder }).catch((e: Error) => e);
    env.proxy.clearFaults();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/4 MiB|too large|larger/i);
    expect(await readdir(folder)).toEqual([]);
  });
});
