export { seedRegistry, SEED_REPOSITORIES, type SeedOptions } from './seed-registry';
export { seedManyRepositories, type SeedManyOptions, type SeededMany } from './seed-many';
export type { SeededArtifact, SeededCatalog, SeededFacts, SeededKind, SeededLayer, SeededReferrersIndex } from './types';
