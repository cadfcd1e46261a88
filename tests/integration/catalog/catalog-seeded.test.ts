import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactRow } from '../../../shared/contract';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { seedRegistry } from '../../support/seed';
import type { SeededCatalog, SeededKind } from '../../support/seed';
import { catalogFixture, waitFor, type CatalogFixture } from './helpers';

let registry: TestRegistry;
let seeded: SeededCatalog;
let fx: CatalogFixture;

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  seeded = await seedRegistry(registry);
  fx = await catalogFixture(registry);
}, 120_000);

afterAll(async () => {
  await fx?.close();
  await registry?.stop();
});

/** The catalog shows a multi-platform image as `image-index`; the seed calls it an image. */
const asSeededKind = (kind: string): string => (kind === 'image-index' ? 'image' : kind);

async function classifyAll(repository: string, tags: string[]): Promise<ArtifactRow[]> {
  await fx.service.handlers['catalog.classify']({ registryId: 'local', repository, tags }, fx.ctx);
  return waitFor(() => {
    const rows = tags.map((tag) => fx.sink.rows.findLast((r) => r.repository === repository && r.tag === tag));
    return rows.every(Boolean) ? (rows as ArtifactRow[]) : undefined;
  }, `rows of ${repository}`);
}

describe('catalog against the real seeded registry', () => {
  it('lists every seeded repository through _catalog, plus pinned names', async () => {
    const listing = await fx.service.handlers['catalog.repositories']({ registryId: 'local' }, fx.ctx);
    expect(listing.source).toBe('catalog');
    expect(listing.problem).toBeUndefined();
    const names = listing.repositories.map((r) => r.name);
    for (const repository of Object.keys(seeded.tags)) expect(names).toContain(repository);

    await fx.service.handlers['catalog.pin']({ registryId: 'local', repository: 'pinned/only' }, fx.ctx);
    const again = await fx.service.handlers['catalog.repositories']({ registryId: 'local' }, fx.ctx);
    expect(again.repositories.find((r) => r.name === 'pinned/only')).toEqual({ registryId: 'local', name: 'pinned/only', pinned: true });
    expect(fx.store.get('local')?.pinnedRepositories).toEqual(['pinned/only']);
    await fx.service.handlers['catalog.unpin']({ registryId: 'local', repository: 'pinned/only' }, fx.ctx);
    expect(fx.store.get('local')?.pinnedRepositories).toEqual([]);
  });

  it('folds referrer tags out of the tag list and points them at their subject', async () => {
    const image = seeded.get('image-oci');
    const listing = await fx.service.handlers['catalog.tags']({ registryId: 'local', repository: image.repository }, fx.ctx);
    expect(listing.tags).toEqual(['1.0']);
    const folded = listing.referrerTags[image.digest] ?? [];
    expect(folded.sort()).toEqual([image.digest.replace(':', '-'), `${image.digest.replace(':', '-')}.sig`].sort());
  });

  it('sorts chart versions semver-aware, newest first', async () => {
    const listing = await fx.service.handlers['catalog.tags']({ registryId: 'local', repository: 'charts/demo' }, fx.ctx);
    expect(listing.tags).toEqual([seeded.get('helm-chart-prov').tag, seeded.get('helm-chart').tag]);
  });

  it('classifies every tagged seeded artifact as exactly its expected kind', async () => {
    const tagged = seeded.artifacts.filter((a) => a.tag && !/^sha256-/.test(a.tag));
    const byRepo = new Map<string, string[]>();
    for (const a of tagged) byRepo.set(a.repository, [...(byRepo.get(a.repository) ?? []), a.tag!]);
    for (const [repository, tags] of byRepo) await classifyAll(repository, tags);
    for (const a of tagged) {
      const row = fx.sink.rows.findLast((r) => r.repository === a.repository && r.tag === a.tag)!;
      expect({ name: a.name, kind: asSeededKind(row.kind), digest: row.digest }).toEqual({ name: a.name, kind: a.kind, digest: a.digest });
      expect(row.problem).toBeUndefined();
      if (a.facts.shownMediaType) expect(row.mediaType).toBe(a.facts.shownMediaType);
      if (a.facts.platforms && row.kind === 'image-index') expect(row.platforms).toEqual(a.facts.platforms);
    }
    expect(fx.sink.rows.findLast((r) => r.repository === 'apps/web')?.platforms).toEqual(seeded.get('image-multi-platform').facts.platforms);
    const image = fx.sink.rows.findLast((r) => r.repository === 'demo' && r.tag === '1.0')!;
    expect(image.referrerCount).toBe(3); // SBOM + Notation (tag schema) + cosign .sig tag
    const multi = fx.sink.rows.findLast((r) => r.tag === seeded.get('image-multi-platform').tag && r.repository === 'apps/web')!;
    expect(multi.referrerCount).toBe(Object.keys(seeded.get('image-multi-platform').facts.attestations ?? {}).length);
  });

  it('streams summaries with counts per kind, referrers included', async () => {
    const repositories = Object.keys(seeded.tags);
    await fx.service.handlers['catalog.summarise']({ registryId: 'local', repositories }, fx.ctx);
    await waitFor(() => (repositories.every((r) => fx.sink.summaries.some((s) => s.repository === r)) ? true : undefined), 'every summary');
    const summary = (repository: string) => fx.sink.summaries.findLast((s) => s.repository === repository)!;
    expect(summary('demo')).toEqual({ registryId: 'local', repository: 'demo', tagCount: 1, kinds: { image: 1, sbom: 1, signature: 2 } });
    const attestations = seeded.artifacts.filter((a) => a.repository === 'apps/web' && a.kind === 'attestation').length;
    expect(summary('apps/web').kinds).toEqual({ 'image-index': 1, attestation: attestations });
    expect(summary('charts/demo')).toMatchObject({ tagCount: 2, kinds: { 'helm-chart': 2 } });
    for (const repository of repositories) {
      const expected = new Map<SeededKind, number>();
      for (const a of seeded.artifacts.filter((x) => x.repository === repository)) expected.set(a.kind, (expected.get(a.kind) ?? 0) + 1);
      const got = new Map<string, number>();
      for (const [kind, n] of Object.entries(summary(repository).kinds)) got.set(asSeededKind(kind), (got.get(asSeededKind(kind)) ?? 0) + n);
      expect(Object.fromEntries(got), repository).toEqual(Object.fromEntries(expected));
    }
  });
});
