/** Where the catalog is: the repository list, one repository's tags, or one artifact. */
export type CatalogView =
  | { name: 'list' }
  | { name: 'repository'; registryId: string; repository: string }
  | { name: 'artifact'; registryId: string; repository: string; reference: string };

/** The catalog's scope: every registry, or one by id. */
export const ALL_REGISTRIES = 'all';
