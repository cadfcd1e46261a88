import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { SeedHttp } from '../../support/seed/registry-http';
import { seedManyRepositories } from '../../support/seed/seed-many';

let registry: TestRegistry;

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
});

afterAll(async () => {
  await registry?.stop();
});

describe('seedManyRepositories against a real docker-registry', () => {
  it('creates 200 repositories × 2 tags by mounting shared blobs, all listed by _catalog', async () => {
    const seeded = await seedManyRepositories(registry, { repositories: 200, tagsPerRepository: 2 });
    expect(seeded.repositories).toHaveLength(200);
    expect(seeded.manifestCount).toBe(400);
    // Every repository after the four mount sources mounts its two blobs.
    expect(seeded.mounted).toBe((200 - 4) * 2);

    const http = new SeedHttp(registry.host);
    try {
      const listed = await http.catalog(100);
      expect(listed.sort()).toEqual(seeded.repositories.map((r) => r.name).sort());
      for (const repo of [seeded.repositories[0], seeded.repositories[101], seeded.repositories[199]]) {
        if (!repo) throw new Error('seeded fewer repositories than asked');
        expect((await http.listTags(repo.name)).sort()).toEqual(['1.0.0', '1.0.1']);
        const first = await http.getManifest(repo.name, '1.0.0');
        const second = await http.getManifest(repo.name, '1.0.1');
        expect(first.digest).not.toBe(second.digest);
        const body = JSON.parse(Buffer.from(first.bytes).toString('utf8')) as { annotations?: Record<string, string> };
        expect(body.annotations?.['org.opencontainers.image.source']).toBe(repo.name);
      }
      expect(new Set(seeded.repositories.map((r) => r.kind))).toEqual(new Set(['image', 'helm-chart', 'wasm', 'other']));
    } finally {
      await http.close();
    }
  });

  it('refuses sizes outside its bounds with a clear message', async () => {
    await expect(seedManyRepositories(registry, { repositories: 0, tagsPerRepository: 2 })).rejects.toThrow(/repositories must be/);
    await expect(seedManyRepositories(registry, { repositories: 1, tagsPerRepository: 1.5 })).rejects.toThrow(/tagsPerRepository must be/);
  });
});
