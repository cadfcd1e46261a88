import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { localRoot } from '../../../electron/store';
import { SeedHttp } from '../../support/seed/registry-http';
import { referrersTag } from '../../support/seed/referrers-index';
import { copyAndWait, itemsOf, LOCAL, REMOTE, useCopyEnv, type CopyEnv } from './copy-env';
import { seedIndexWithReferrers, type SeededSource } from './seed-copy';

const run = promisify(execFile);
const env = useCopyEnv('copy-round-trip');

async function everyManifestAt(e: CopyEnv, registryId: string, repository: string, digests: string[]): Promise<string[]> {
  const repo = await e.catalog.repositoryFor(registryId, repository);
  const found: string[] = [];
  for (const digest of digests) if (await repo.manifests().exists(digest)) found.push(digest);
  return found;
}

async function everyBlobAt(e: CopyEnv, registryId: string, repository: string, digests: string[]): Promise<string[]> {
  const repo = await e.catalog.repositoryFor(registryId, repository);
  const found: string[] = [];
  for (const digest of digests) if (await repo.blobs().exists(digest)) found.push(digest);
  return found;
}

describe('copy: remote → Local → another remote repository keeps every digest, referrers included', () => {
  let seeded: SeededSource;

  it('remote → Local: the index, both platforms, attestations, the SBOM (by subject) and the cosign signature (by tag) land byte for byte', async () => {
    seeded = await seedIndexWithReferrers(env.registry.host, 'src/app', 'v1');
    const view = await copyAndWait(env, { from: { registryId: REMOTE, repository: 'src/app', reference: 'v1' }, to: { registryId: LOCAL, repository: 'kept/app' }, referrers: true });
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
    expect(view.result?.digest).toBe(seeded.index.index.digest);
    expect(view.result?.tags).toEqual(['v1']);
    expect(await everyManifestAt(env, LOCAL, 'kept/app', seeded.manifestDigests)).toEqual(seeded.manifestDigests);
    expect(await everyBlobAt(env, LOCAL, 'kept/app', seeded.blobDigests)).toEqual(seeded.blobDigests);
    const local = await env.catalog.repositoryFor(LOCAL, 'kept/app');
    expect((await local.resolve('v1')).digest).toBe(seeded.index.index.digest);
    expect((await local.referrers(seeded.index.index.digest)).map((d) => d.digest)).toContain(seeded.sbom.manifest.digest);
    expect((await local.resolve(`${referrersTag(seeded.index.index.digest)}.sig`)).digest).toBe(seeded.cosign.manifest.digest);
    const items = await itemsOf(env, view.id);
    expect(items.length).toBe(seeded.manifestDigests.length + seeded.blobDigests.length);
    expect(items.every((item) => item.state === 'done')).toBe(true);
    expect(env.changed).toContainEqual({ registryId: LOCAL, repository: 'kept/app' });
  });

  it('skopeo reads the Local copy (oci:<folder>:v1) and finds the same index digest', async () => {
    const folder = `${localRoot(env.dataDir)}/kept/app`;
    const { stdout } = await run('skopeo', ['inspect', '--raw', `oci:${folder}:v1`]);
    const { createHash } = await import('node:crypto');
    expect(`sha256:${createHash('sha256').update(stdout).digest('hex')}`).toBe(seeded.index.index.digest);
  });

  it('Local → another remote repository: every digest kept, the SBOM findable through the tag schema, skopeo reads it', async () => {
    const view = await copyAndWait(env, { from: { registryId: LOCAL, repository: 'kept/app', reference: 'v1' }, to: { registryId: REMOTE, repository: 'promoted/app', tags: ['v1', 'stable'] }, referrers: true });
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
    expect(await everyManifestAt(env, REMOTE, 'promoted/app', seeded.manifestDigests)).toEqual(seeded.manifestDigests);
    expect(await everyBlobAt(env, REMOTE, 'promoted/app', seeded.blobDigests)).toEqual(seeded.blobDigests);
    const http = new SeedHttp(env.registry.host);
    try {
      for (const tag of ['v1', 'stable']) expect((await http.getManifest('promoted/app', tag)).digest).toBe(seeded.index.index.digest);
      const fallback = await http.getManifest('promoted/app', referrersTag(seeded.index.index.digest));
      expect(JSON.parse(Buffer.from(fallback.bytes).toString('utf8')).manifests.map((d: { digest: string }) => d.digest)).toEqual([seeded.sbom.manifest.digest]);
      expect((await http.getManifest('promoted/app', `${referrersTag(seeded.index.index.digest)}.sig`)).digest).toBe(seeded.cosign.manifest.digest);
    } finally {
      await http.close();
    }
    const remote = await env.catalog.repositoryFor(REMOTE, 'promoted/app');
    expect((await remote.referrers(seeded.index.index.digest)).map((d) => d.digest)).toEqual([seeded.sbom.manifest.digest]);
    const { stdout } = await run('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${env.registry.host}/promoted/app:stable`]);
    expect(JSON.parse(stdout).manifests.length).toBe(4);
  });

  it('without referrers only the artifact goes: no SBOM, no signature at the destination', async () => {
    const view = await copyAndWait(env, { from: { registryId: REMOTE, repository: 'src/app', reference: 'v1' }, to: { registryId: LOCAL, repository: 'bare/app' }, referrers: false });
    expect(view.state).toBe('done');
    const local = await env.catalog.repositoryFor(LOCAL, 'bare/app');
    expect(await local.manifests().exists(seeded.sbom.manifest.digest)).toBe(false);
    expect(await local.manifests().exists(seeded.cosign.manifest.digest)).toBe(false);
    expect(await local.allTags()).toEqual(['v1']);
  });
});
