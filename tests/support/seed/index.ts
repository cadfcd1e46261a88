/**
 * Test fixtures that fill a real registry (no auth) with artifacts as their own tools write them.
 *   const catalog = await seedRegistry(registry);            // every kind, ~25 manifests, seconds
 *   catalog.get('helm-chart').tag; catalog.ofKind('sbom');    // assert without hard-coded digests
 *   await seedManyRepositories(registry, { repositories: 10_000, tagsPerRepository: 2 });
 * Untagged entries (buildx attestations, SBOM and Notation referrers) are listed too: filter on
 * `tag` when asserting catalog rows.
 */
export { seedRegistry, SEED_REPOSITORIES, type SeedOptions } from './seed-registry';
export { seedManyRepositories, type SeedManyOptions, type SeededMany } from './seed-many';
export type { SeededArtifact, SeededCatalog, SeededFacts, SeededKind, SeededLayer, SeededReferrersIndex } from './types';
