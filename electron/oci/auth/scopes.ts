import { assertRepository } from '../reference/reference';

export type RepositoryAction = 'pull' | 'push' | 'delete' | '*';

export function repositoryScope(repository: string, actions: readonly RepositoryAction[]): string {
  assertRepository(repository);
  return `repository:${repository}:${[...new Set(actions)].sort(actionOrder).join(',')}`;
}

export const pullScope = (repository: string): string => repositoryScope(repository, ['pull']);
export const pushScope = (repository: string): string => repositoryScope(repository, ['push', 'pull']);
/** A cross-repository mount needs push on the target and pull on the source. */
export const mountScopes = (target: string, source: string): string[] => [pushScope(target), pullScope(source)];
export const CATALOG_SCOPE = 'registry:catalog:*';

function actionOrder(a: string, b: string): number {
  const rank = (x: string): number => (x === 'push' ? 0 : x === 'pull' ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * Merges scopes: actions of the same resource are united (`pull` + `push` → `push,pull`),
 * scopes are returned sorted, so a set of scopes has one spelling (the token cache key).
 */
export function mergeScopes(...groups: ReadonlyArray<readonly string[] | string | undefined>): string[] {
  const byResource = new Map<string, Set<string>>();
  for (const group of groups) {
    const list = group === undefined ? [] : typeof group === 'string' ? group.split(' ') : group;
    for (const scope of list) {
      if (!scope) continue;
      const lastColon = scope.lastIndexOf(':');
      if (lastColon <= 0) continue;
      const resource = scope.slice(0, lastColon);
      const actions = byResource.get(resource) ?? new Set<string>();
      for (const action of scope.slice(lastColon + 1).split(',')) if (action) actions.add(action);
      byResource.set(resource, actions);
    }
  }
  return [...byResource.entries()]
    .map(([resource, actions]) => `${resource}:${[...actions].sort(actionOrder).join(',')}`)
    .sort();
}
