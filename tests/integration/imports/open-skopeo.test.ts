import { createHash } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLayoutAt, type OpenedRegistry } from '../../../electron/imports/opened-registry';
import { checkLayout } from '../../../electron/imports/check-layout';
import { LocalStore } from '../../../electron/store';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';
import { pushImage } from '../store/helpers';
import { ARTIFACT_TYPE, makeFixture, readAll, SBOM_TYPE, type Fixture } from './fixtures';

let dir: string;
let fixture: Fixture;

beforeAll(async () => {
  dir = await makeTempDir('imports-skopeo');
  fixture = await makeFixture(dir);
}, 60_000);
afterAll(async () => {
  await removeTempDir(dir);
});

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function names(registry: OpenedRegistry): Promise<string[]> {
  const out: string[] = [];
  for await (const name of registry.repositories()) out.push(name);
  return out;
}

describe('an OCI layout folder skopeo wrote, opened read-only', () => {
  it('lists every tag under the folder-named repository, with the right kinds of manifest', async () => {
    const registry = openLayoutAt(fixture.layout, 'oci-layout');
    expect(await names(registry)).toEqual(['skopeo-layout']);
    const repo = registry.repository('skopeo-layout');
    expect(await repo.allTags()).toEqual(['artifact', 'multi']);
    const multi = await repo.manifests().fetch('multi');
    expect(multi.descriptor.digest).toBe(fixture.index.digest);
    expect(multi.parsed.kind).toBe('index');
    const artifact = await repo.manifests().fetch('artifact');
    expect(artifact.descriptor.digest).toBe(fixture.artifact.digest);
    expect(artifact.parsed.kind === 'manifest' && artifact.parsed.manifest.artifactType).toBe(ARTIFACT_TYPE);
    // The SBOM is listed untagged, reachable by digest, and found as the index's referrer.
    expect((await repo.untagged()).map((d) => d.digest)).toEqual([fixture.sbom.digest]);
    expect((await repo.resolve(fixture.sbom.digest)).digest).toBe(fixture.sbom.digest);
    expect(await repo.referrers(fixture.index.digest)).toEqual([expect.objectContaining({ digest: fixture.sbom.digest, artifactType: SBOM_TYPE })]);
  });

  it('resolves each platform by digest and reads every blob verified', async () => {
    const repo = openLayoutAt(fixture.layout, 'oci-layout').repository('skopeo-layout');
    for (const platform of fixture.platforms) {
      const resolved = await repo.resolve(platform.digest);
      expect(resolved).toMatchObject({ digest: platform.digest, size: platform.size });
      const fetched = await repo.manifests().fetch(platform.digest);
      expect(sha256(fetched.bytes)).toBe(platform.digest);
    }
    for (const layer of fixture.layers) {
      expect(await repo.blobs().exists(layer.digest)).toBe(true);
      expect(sha256(await readAll(await repo.blobs().fetch(layer)))).toBe(layer.digest);
    }
    const target = join(dir, 'fetched-layer');
    await repo.blobs().fetchTo(fixture.layers[0]!, target);
    expect(sha256(await readFile(target))).toBe(fixture.layers[0]!.digest);
  });

  it('checks the whole graph and counts what it holds', async () => {
    expect(await checkLayout(openLayoutAt(fixture.layout, 'oci-layout'))).toEqual({ repositories: 1, manifests: 3, reached: expect.any(Number) });
  });
});

describe('an oci-archive skopeo wrote, read by byte range', () => {
  it('lists the two-platform image under the archive-named repository and reads its blobs verified', async () => {
    const registry = openLayoutAt(fixture.archive, 'oci-archive');
    expect(await names(registry)).toEqual(['skopeo']);
    const repo = registry.repository('skopeo');
    expect(await repo.allTags()).toEqual(['multi']);
    const fetched = await repo.manifests().fetch('multi');
    expect(fetched.descriptor.digest).toBe(fixture.index.digest);
    for (const platform of fixture.platforms) expect(sha256((await repo.manifests().fetch(platform.digest)).bytes)).toBe(platform.digest);
    for (const layer of fixture.layers.slice(0, 2)) expect(sha256(await readAll(await repo.blobs().fetch(layer)))).toBe(layer.digest);
    expect((await checkLayout(registry)).manifests).toBe(1);
  });

  it('reads a pax tar of a whole layout (./-prefixed names) with the referrer and the artifact', async () => {
    const registry = openLayoutAt(fixture.tarOfLayout, 'oci-archive');
    const repo = registry.repository('whole-layout');
    expect(await names(registry)).toEqual(['whole-layout']);
    expect(await repo.allTags()).toEqual(['artifact', 'multi']);
    expect(await repo.referrers(fixture.index.digest)).toEqual([expect.objectContaining({ digest: fixture.sbom.digest })]);
    const layer = fixture.layers[2]!;
    expect((await readAll(await repo.blobs().fetch(layer))).toString()).toBe('hello from a plain artifact\n');
  });
});

describe('layouts other tools name differently', () => {
  it('full references as ref names (containerd, buildkit name=) become their own repositories; bare tags stay with the folder', async () => {
    const layout = join(dir, 'named-layout');
    const source = join(fixture.sourceRoot, 'src', 'multi');
    const artifactSource = join(fixture.sourceRoot, 'src', 'artifact');
    await runCommand('skopeo', ['copy', '--quiet', '--all', '--preserve-digests', `oci:${source}:multi`, `oci:${layout}:docker.io/library/alpine:3.19`]);
    await runCommand('skopeo', ['copy', '--quiet', '--preserve-digests', `oci:${artifactSource}:v1`, `oci:${layout}:ghcr.io/acme/tools/thing:v1`]);
    await runCommand('skopeo', ['copy', '--quiet', '--preserve-digests', `oci:${artifactSource}:v1`, `oci:${layout}:latest`]);
    const registry = openLayoutAt(layout, 'oci-layout');
    expect(await names(registry)).toEqual(['acme/tools/thing', 'library/alpine', 'named-layout']);
    expect(await registry.repository('library/alpine').allTags()).toEqual(['3.19']);
    expect((await registry.repository('library/alpine').resolve('3.19')).digest).toBe(fixture.index.digest);
    expect(await registry.repository('acme/tools/thing').allTags()).toEqual(['v1']);
    expect(await registry.repository('named-layout').allTags()).toEqual(['latest']);
    await expect(registry.repository('library/alpine').resolve('latest')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a manifest listed without a ref name (buildkit type=oci without name=) is listed as untagged-<digest start>; a referrer without one is not', async () => {
    const layout = join(dir, 'unnamed');
    await cp(fixture.layout, layout, { recursive: true });
    const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string; annotations?: Record<string, string> }[] };
    for (const entry of index.manifests) if (entry.digest === fixture.artifact.digest) delete entry.annotations;
    await writeFile(join(layout, 'index.json'), JSON.stringify(index));
    const repo = openLayoutAt(layout, 'oci-layout').repository('unnamed');
    const listed = `untagged-${fixture.artifact.digest.slice(7, 23)}`;
    expect(await repo.allTags()).toEqual(['multi', listed]);
    expect((await repo.resolve(listed)).digest).toBe(fixture.artifact.digest);
    expect((await repo.manifests().fetch(listed)).descriptor.digest).toBe(fixture.artifact.digest);
    expect((await repo.untagged()).map((d) => d.digest).sort()).toEqual([fixture.artifact.digest, fixture.sbom.digest].sort());
  });

  it("opens a Local repository's own folder read-only: lists what Local wrote, refuses writes, leaves it unchanged", async () => {
    const localRepo = new LocalStore(join(dir, 'local-data')).repository('team/app');
    const { manifest } = await pushImage(localRepo, 'v1');
    const before = await readFile(join(localRepo.dir, 'index.json'));
    const registry = openLayoutAt(localRepo.dir, 'oci-layout');
    expect(await names(registry)).toEqual(['app']);
    const repo = registry.repository('app');
    expect(await repo.allTags()).toEqual(['v1']);
    expect((await repo.manifests().fetch('v1')).descriptor.digest).toBe(manifest.digest);
    await expect(repo.manifests().push(Buffer.from('{}'), 'application/vnd.oci.image.manifest.v1+json', 'v2')).rejects.toThrow(/opened read-only/);
    expect(await readFile(join(localRepo.dir, 'index.json'))).toEqual(before);
    expect(await checkLayout(registry)).toMatchObject({ repositories: 1, manifests: 1 });
  });
});
