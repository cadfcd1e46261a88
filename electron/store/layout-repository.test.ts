import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Descriptor, ImageManifest } from '../oci/manifests/manifest-types';
import { LocalStore } from './local-store';
import type { LayoutRepository } from './layout-repository';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'layout-repository-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const CONFIG = 'application/vnd.oci.image.config.v1+json';
const SBOM = 'application/spdx+json';

async function image(repo: LayoutRepository, name: string, tag?: string, subject?: Descriptor): Promise<Descriptor> {
  const config = await repo.blobs().push({ data: Buffer.from(JSON.stringify({ name })) });
  const layer = await repo.blobs().push({ data: Buffer.from(`layer of ${name}`) });
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    ...(subject ? { artifactType: SBOM, subject } : {}),
    config: { mediaType: CONFIG, digest: config.digest, size: config.size },
    layers: [{ mediaType: 'application/octet-stream', digest: layer.digest, size: layer.size }],
  };
  return repo.pushManifest(manifest, tag);
}

describe('a Local repository read by many callers at once', () => {
  it('answers referrers questions asked all at once, each with its own referrers', async () => {
    const repo = new LocalStore(root).repository('team/app');
    const subjects: Descriptor[] = [];
    const referrers: Descriptor[] = [];
    for (let i = 0; i < 8; i += 1) {
      const subject = await image(repo, `app-${i}`, `v${i}`);
      subjects.push(subject);
      referrers.push(await image(repo, `sbom-${i}`, undefined, subject));
    }
    // A fresh store: nothing known, every question arrives before any manifest is read.
    const fresh = new LocalStore(root).repository('team/app');
    const answers = await Promise.all(subjects.map((subject) => fresh.referrers(subject.digest)));
    answers.forEach((answer, i) => {
      expect(answer.map((d) => d.digest)).toEqual([referrers[i]?.digest]);
      expect(answer[0]?.artifactType).toBe(SBOM);
    });
    expect(await fresh.referrers((referrers[0] as Descriptor).digest)).toEqual([]);
  });

  it('finds a referrer stored after an earlier question, and forgets a deleted one', async () => {
    const repo = new LocalStore(root).repository('team/app');
    const subject = await image(repo, 'app', 'v1');
    expect(await repo.referrers(subject.digest)).toEqual([]);
    const sbom = await image(repo, 'sbom', undefined, subject);
    expect((await repo.referrers(subject.digest)).map((d) => d.digest)).toEqual([sbom.digest]);
    await repo.manifests().delete(sbom.digest);
    expect(await repo.referrers(subject.digest)).toEqual([]);
  });

  it('shows its own write to a read that starts after it, even while earlier reads are still under way', async () => {
    const repo = new LocalStore(root).repository('team/app');
    await image(repo, 'app', 'v1');
    const fresh = new LocalStore(root).repository('team/app');
    const earlier = Array.from({ length: 20 }, () => fresh.allTags());
    await image(fresh, 'app 2', 'v2');
    expect(await fresh.allTags()).toEqual(['v1', 'v2']);
    for (const tags of await Promise.all(earlier)) expect(tags.slice(0, 1)).toEqual(['v1']);
  });

  it('sees what another writer (another process, another store) changed on its next read', async () => {
    const reader = new LocalStore(root).repository('team/app');
    await image(reader, 'app', 'v1');
    expect(await reader.allTags()).toEqual(['v1']);
    const writer = new LocalStore(root).repository('team/app');
    await image(writer, 'app 2', 'v2');
    const [first, second] = await Promise.all([reader.allTags(), reader.allTags()]);
    expect(first).toEqual(['v1', 'v2']);
    expect(second).toEqual(['v1', 'v2']);
  });
});
