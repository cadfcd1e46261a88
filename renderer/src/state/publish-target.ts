import type { PublishTarget } from '../../../shared/contract';
import { catalog } from './catalog.svelte';
import { ALL_REGISTRIES } from './catalog-view';
import { registries } from './registries.svelte';

/**
 * Where a drop on the window (or a toolbar "Publish…") goes: the repository open in the catalog,
 * else the registry in view, else the first registry. Undefined when there is none.
 */
export function targetInView(): PublishTarget | undefined {
  const view = catalog.view;
  // A layout opened read-only takes nothing: the first registry that does is offered instead.
  if (view.name !== 'list' && registries.isWritable(view.registryId)) return { registryId: view.registryId, repository: view.repository };
  const inScope = view.name === 'list' && catalog.scope !== ALL_REGISTRIES ? catalog.scope : undefined;
  const registryId = inScope !== undefined && registries.isWritable(inScope) ? inScope : registries.writable[0]?.id;
  return registryId ? { registryId } : undefined;
}
