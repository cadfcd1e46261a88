import type { RegistryStatus } from '../../shared/contract';
import { toContractError } from '../oci';
import type { SavedRegistry } from '../registries/saved-registry';
import { checkLayout } from './check-layout';
import { openLayoutAt } from './opened-registry';

/** The status of an opened layout or archive before any check: readable as far as is known. */
export function openedStatus(saved: SavedRegistry): RegistryStatus {
  return { state: 'connected', reason: `Read-only: ${saved.kind === 'oci-archive' ? 'the oci-archive' : 'the OCI layout folder'} ${saved.host}. Copy an artifact to Local or a registry to change it.` };
}

/** Checks the folder or archive is still there and intact; the status names what is wrong if not. */
export async function checkOpened(saved: SavedRegistry, signal?: AbortSignal, now = new Date()): Promise<RegistryStatus> {
  const checkedAt = now.toISOString();
  const kind = saved.kind === 'oci-archive' ? 'oci-archive' : 'oci-layout';
  try {
    const summary = await checkLayout(openLayoutAt(saved.host, kind), signal);
    const base = openedStatus(saved);
    return { ...base, reason: `${base.reason} ${summary.manifests} ${summary.manifests === 1 ? 'manifest' : 'manifests'} in ${summary.repositories} ${summary.repositories === 1 ? 'repository' : 'repositories'}.`, checkedAt };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { state: 'error', reason: toContractError(error).message, checkedAt };
  }
}
