import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localRoot } from '../../../electron/store';
import { orasPush, type BuiltArtifact } from '../../support/seed/artifacts';
import { pushBundle } from '../../support/seed/push';
import { SeedHttp } from '../../support/seed/registry-http';
import { copyAndWait, LOCAL, REMOTE, retryAndWait, useCopyEnv } from './copy-env';

const env = useCopyEnv('copy-lying-registry');

// Several network chunks and write batches: bytes reach the store's temp file long before the end.
const LAYER_SIZE = 3 * 1024 * 1024 + 5;

async function seedLayer(repository: string): Promise<{ artifact: BuiltArtifact; layer: Buffer }> {
  const layer = randomBytes(LAYER_SIZE);
  const artifact = orasPush({ kind: 'other', files: [{ name: 'layer.bin', mediaType: 'application/octet-stream', content: layer }], created: '2026-01-02T03:04:05Z' });
  const http = new SeedHttp(env.registry.host);
  try {
    await pushBundle({ host: env.registry.host, http }, artifact.bundle, repository, 'v1', 'http');
  } finally {
    await http.close();
  }
  return { artifact, layer };
}

async function entries(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

/** What the Local repository's folder holds after the copy: blob file names and temp files. */
async function localFiles(repository: string): Promise<{ blobs: string[]; ingest: string[] }> {
  const dir = join(localRoot(env.dataDir), ...repository.split('/'));
  return { blobs: await entries(join(dir, 'blobs', 'sha256')), ingest: await entries(join(dir, 'ingest')) };
}

describe('a registry that answers wrong bytes for a digest, copied into Local', () => {
  it('the last byte changed (found only at the end of the stream): refused, nothing in blobs/ or ingest/, no manifest; the retry stores the true bytes', async () => {
    const { artifact, layer } = await seedLayer('lying/last-byte');
    const digest = artifact.layers[0]?.digest as string;
    const hex = digest.slice('sha256:'.length);
    env.proxy.fault({
      method: 'GET',
      path: new RegExp(`/blobs/sha256:${hex}`),
      times: Infinity,
      fault: {
        kind: 'rewrite',
        transform: (response) => {
          const body = Buffer.from(response.body);
          body[body.length - 1] = (body[body.length - 1] as number) ^ 0xff;
          return { ...response, body };
        },
      },
    });
    const failed = await copyAndWait(env, { from: { registryId: REMOTE, repository: 'lying/last-byte', reference: 'v1' }, to: { registryId: LOCAL, repository: 'kept/last-byte' }, referrers: false });
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toContain(digest.slice(0, 19));
    expect(failed.error?.message).toMatch(/does not match its digest/);
    const left = await localFiles('kept/last-byte');
    expect(left.blobs).not.toContain(hex);
    expect(left.ingest).toEqual([]);
    const local = await env.catalog.repositoryFor(LOCAL, 'kept/last-byte');
    expect(await local.manifests().exists(artifact.manifest.digest)).toBe(false);

    env.proxy.clearFaults();
    const retried = await retryAndWait(env, failed.id);
    expect(retried.error).toBeUndefined();
    expect(retried.state).toBe('done');
    const stored = await readFile(join(localRoot(env.dataDir), 'kept', 'last-byte', 'blobs', 'sha256', hex));
    expect(stored.equals(layer)).toBe(true);
    expect((await local.resolve('v1')).digest).toBe(artifact.manifest.digest);
    expect((await localFiles('kept/last-byte')).ingest).toEqual([]);
  });

  it('bytes added after the true ones (caught as they overflow): refused, nothing in blobs/ or ingest/, no manifest', async () => {
    const { artifact } = await seedLayer('lying/longer');
    const digest = artifact.layers[0]?.digest as string;
    const hex = digest.slice('sha256:'.length);
    env.proxy.fault({
      method: 'GET',
      path: new RegExp(`/blobs/sha256:${hex}`),
      times: Infinity,
      fault: { kind: 'rewrite', transform: (response) => ({ ...response, body: Buffer.concat([response.body, Buffer.from('extra')]) }) },
    });
    try {
      const failed = await copyAndWait(env, { from: { registryId: REMOTE, repository: 'lying/longer', reference: 'v1' }, to: { registryId: LOCAL, repository: 'kept/longer' }, referrers: false });
      expect(failed.state).toBe('failed');
      expect(failed.error?.message).toContain(digest.slice(0, 19));
      const left = await localFiles('kept/longer');
      expect(left.blobs).not.toContain(hex);
      expect(left.ingest).toEqual([]);
      const local = await env.catalog.repositoryFor(LOCAL, 'kept/longer');
      expect(await local.manifests().exists(artifact.manifest.digest)).toBe(false);
    } finally {
      env.proxy.clearFaults();
    }
  });

  it('a true registry copied into Local: the blob stored is the registry’s, byte for byte, under its digest', async () => {
    const { artifact, layer } = await seedLayer('honest/app');
    const digest = artifact.layers[0]?.digest as string;
    const done = await copyAndWait(env, { from: { registryId: REMOTE, repository: 'honest/app', reference: 'v1' }, to: { registryId: LOCAL, repository: 'kept/honest' }, referrers: false });
    expect(done.state).toBe('done');
    const stored = await readFile(join(localRoot(env.dataDir), 'kept', 'honest', 'blobs', 'sha256', digest.slice('sha256:'.length)));
    expect(`sha256:${createHash('sha256').update(stored).digest('hex')}`).toBe(digest);
    expect(stored.equals(layer)).toBe(true);
  });
});
