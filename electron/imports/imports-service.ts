import { randomUUID } from 'node:crypto';
import { isAbsolute, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ContractError, type Handlers, type LayoutCheck } from '../../shared/contract';
import { isOpenedLayoutKind } from '../../shared/registries/registry-presets';
import { toContractError } from '../oci';
import type { RegistriesStore } from '../registries/registries-store';
import type { RegistryViews } from '../registries/registry-views';
import type { SavedRegistry } from '../registries/saved-registry';
import type { HostIntegration } from '../services/host-integration';
import { checkLayout } from './check-layout';
import { displayNameFor, layoutKindOf, openLayoutAt } from './opened-registry';
import { openedStatus } from './layout-status';

type ImportHandlers = Pick<Handlers, 'imports.check' | 'imports.pick' | 'imports.open'>;

export interface ImportsServiceDeps {
  registries: Pick<RegistriesStore, 'list' | 'add'>;
  views: Pick<RegistryViews, 'setStatus' | 'changed' | 'one'>;
  integration: Pick<HostIntegration, 'pickLayout'>;
}

/** Opening an OCI layout folder or oci-archive as a read-only registry: look at a path, pick one, add it. */
export function createImportsService(deps: ImportsServiceDeps): ImportHandlers {
  const look = async (input: string, signal?: AbortSignal): Promise<LayoutCheck> => {
    const trimmed = input.trim();
    const suggestedName = displayNameFor(trimmed);
    if (!isAbsolute(trimmed) || trimmed.includes('\0')) return { path: trimmed, suggestedName, problem: 'Give the full path of a layout folder or an archive (starting with / or a drive).' };
    const path = normalize(trimmed).replace(/(.)[\\/]+$/, '$1');
    const named = { path, suggestedName: displayNameFor(path) };
    const opened = deps.registries.list().find((saved) => isOpenedLayoutKind(saved.kind) && saved.host === path);
    if (opened) return { ...named, problem: `${path} is open already, as "${opened.name}".` };
    const kind = await layoutKindOf(path);
    if (!kind) return { ...named, problem: `There is no folder or file at ${path}.` };
    try {
      const summary = await checkLayout(openLayoutAt(path, kind), signal);
      return { ...named, kind, repositories: summary.repositories, manifests: summary.manifests };
    } catch (error) {
      if (signal?.aborted) throw error;
      return { ...named, problem: toContractError(error).message };
    }
  };

  return {
    'imports.check': async ({ path }, { signal }) => look(path, signal),

    'imports.pick': async ({ what }) => {
      if (!deps.integration.pickLayout) throw new ContractError('invalid-input', 'This window cannot open a file picker: type the path of the layout folder or archive instead.');
      return deps.integration.pickLayout(what);
    },

    'imports.open': async ({ path, name }, { signal }) => {
      const checked = await look(path, signal);
      if (checked.problem || !checked.kind) throw new ContractError('invalid-input', checked.problem ?? `${checked.path} cannot be opened.`);
      const saved: SavedRegistry = {
        id: randomUUID(),
        name: name ?? checked.suggestedName,
        url: pathToFileURL(checked.path).href,
        host: checked.path,
        kind: checked.kind,
        insecure: false,
        accounts: [],
        pinnedRepositories: [],
        useDockerCredentials: false,
      };
      await deps.registries.add(saved);
      deps.views.setStatus(saved.id, { ...openedStatus(saved), checkedAt: new Date().toISOString() });
      await deps.views.changed();
      return deps.views.one(saved.id);
    },
  };
}
