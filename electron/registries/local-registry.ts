import { pathToFileURL } from 'node:url';
import type { RegistryStatus } from '../../shared/contract';
import { localRoot } from '../store';
import type { SavedRegistry } from './saved-registry';

export const LOCAL_REGISTRY_ID = 'local';

/**
 * The built-in Local registry: OCI image layouts in `<dataDir>/local`, on every install, first in
 * the list. Never written to the registries file; its "host" is the folder, so the UI shows where
 * it lives and a reference reads like skopeo's `oci:<folder>/<repository>:<tag>`.
 */
export function localRegistry(dataDir: string): SavedRegistry {
  const root = localRoot(dataDir);
  return {
    id: LOCAL_REGISTRY_ID,
    name: 'Local',
    url: pathToFileURL(root).href,
    host: root,
    kind: 'local-store',
    insecure: false,
    accounts: [],
    pinnedRepositories: [],
    useDockerCredentials: false,
  };
}

/** Local needs no check to be usable: until one runs it is connected. */
export function localStatus(saved: SavedRegistry): RegistryStatus {
  return { state: 'connected', reason: `Artifacts stored on this computer, in ${saved.host}. No login, no network.` };
}
