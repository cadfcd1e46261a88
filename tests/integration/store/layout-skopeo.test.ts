import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore, REF_NAME, type LocalStore } from '../../../electron/store';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';
import { pushImage } from './helpers';

let dataDir: string;
let store: LocalStore;

beforeAll(async () => {
  dataDir = await makeTempDir('store-skopeo');
  store = openLocalStore(dataDir);
});
afterAll(async () => {
  await removeTempDir(dataDir);
});

const sha256 = (bytes: Buffer | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

describe('a Local repository is an OCI image layout skopeo reads and writes', () => {
  it('skopeo inspects and copies what Stevedore wrote, with the same digest', async () => {
    const repo = store.repository('team/app');
    const { manifest } = await pushImage(repo, 'v1');
    const raw = (await runCommand('skopeo', ['inspect', '--raw', `oci:${repo.dir}:v1`])).stdout;
    expect(sha256(raw)).toBe(manifest.digest);
    const index = JSON.parse(await readFile(join(repo.dir, 'index.json'), 'utf8')) as { schemaVersion: number; manifests: { digest: string; annotations?: Record<string, string> }[] };
    expect(index.schemaVersion).toBe(2);
    expect(index.manifests).toEqual([expect.objectContaining({ digest: manifest.digest, annotations: { [REF_NAME]: 'v1' } })]);
    expect(JSON.parse(await readFile(join(repo.dir, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });

    const copy = join(dataDir, 'elsewhere');
    await runCommand('skopeo', ['copy', '--quiet', '--preserve-digests', `oci:${repo.dir}:v1`, `oci:${copy}:copied`]);
    const copiedRaw = (await runCommand('skopeo', ['inspect', '--raw', `oci:${copy}:copied`])).stdout;
    expect(sha256(copiedRaw)).toBe(manifest.digest);
  });

  it('lists, resolves and reads what skopeo wrote into a Local repository folder', async () => {
    const source = store.repository('team/app');
    const { manifest, layer } = await pushImage(source, 'v2', 100_000);
    const target = store.repository('from/skopeo');
    await mkdir(dirname(target.dir), { recursive: true }); // skopeo creates the layout folder, not its parent
    await runCommand('skopeo', ['copy', '--quiet', '--preserve-digests', `oci:${source.dir}:v2`, `oci:${target.dir}:one`]);
    await runCommand('skopeo', ['copy', '--quiet', '--preserve-digests', `oci:${source.dir}:v1`, `oci:${target.dir}:two`]);

    const names: string[] = [];
    for await (const name of store.repositories()) names.push(name);
    expect(names).toEqual(['from/skopeo', 'team/app']);
    expect(await target.allTags()).toEqual(['one', 'two']);
    expect((await target.resolve('one')).digest).toBe(manifest.digest);
    const fetched = await target.manifests().fetch('one');
    expect(fetched.parsed.kind).toBe('manifest');
    const stream = await target.blobs().fetch(layer);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(layer.digest);
  });

  it('pages tags like a registry: sorted, n per page, after `last`', async () => {
    const repo = store.repository('paged');
    for (const tag of ['b', 'a', 'd', 'c', 'e']) await pushImage(repo, tag, 64);
    const pages: string[][] = [];
    for await (const page of repo.tags({ pageSize: 2, last: 'a' })) pages.push(page);
    expect(pages).toEqual([['b', 'c'], ['d', 'e']]);
  });

  it('finds referrers through their subject, and skopeo still reads the layout', async () => {
    const repo = store.repository('signed');
    const { manifest } = await pushImage(repo, 'v1', 64);
    const empty = await repo.blobs().push({ data: Buffer.from('{}') });
    const sbom = await repo.blobs().push({ data: Buffer.from('{"spdxVersion":"SPDX-2.3"}') });
    const referrer = await repo.pushManifest({
      schemaVersion: 2,
      artifactType: 'application/spdx+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: empty.digest, size: empty.size },
      layers: [{ mediaType: 'application/spdx+json', digest: sbom.digest, size: sbom.size }],
      subject: manifest,
      annotations: { 'org.opencontainers.image.created': '2026-01-01T00:00:00Z' },
    });
    const found = await repo.referrers(manifest.digest);
    expect(found).toEqual([{ ...referrer, artifactType: 'application/spdx+json', annotations: { 'org.opencontainers.image.created': '2026-01-01T00:00:00Z' } }]);
    expect(await repo.referrers(manifest.digest, { artifactType: 'application/other' })).toEqual([]);
    expect(await repo.allTags()).toEqual(['v1']);
    const raw = (await runCommand('skopeo', ['inspect', '--raw', `oci:${repo.dir}:v1`])).stdout;
    expect(sha256(raw)).toBe(manifest.digest);
  });

  it('fetchTo writes a verified copy of a blob and leaves no temp file', async () => {
    const repo = store.repository('team/app');
    const { layer } = await pushImage(repo, 'fetched', 30_000);
    const target = join(dataDir, 'layer.tar');
    const result = await repo.blobs().fetchTo(layer, target);
    expect(result).toMatchObject({ path: target, digest: layer.digest, size: 30_000 });
    expect(sha256(await readFile(target))).toBe(layer.digest);
    expect((await readdir(dataDir)).filter((n) => n.includes('.partial'))).toEqual([]);
  });

  it('mounts a blob another Local repository holds instead of writing it again', async () => {
    const from = store.repository('mount/from');
    const { layer } = await pushImage(from, 'v1', 50_000);
    const to = store.repository('mount/to');
    const result = await to.blobs().push({ data: await readFile(join(from.dir, 'blobs', 'sha256', layer.digest.slice(7))), digest: layer.digest }, { mountFrom: ['mount/from'] });
    expect(result.outcome).toBe('mounted');
    expect(await to.blobs().exists(layer.digest)).toBe(true);
  });

  it('refuses repository names that would leave the Local folder or clash with the layout', () => {
    for (const name of ['../escape', '/abs', 'a//b', 'a/blobs', 'x/index.json', 'UPPER']) {
      expect(() => store.repository(name), name).toThrow(/not a valid|cannot be a Local repository/);
    }
  });
});
