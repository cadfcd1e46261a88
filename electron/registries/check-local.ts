import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import type { RegistryStatus } from '../../shared/contract';
import { localStatus } from './local-registry';
import type { SavedRegistry } from './saved-registry';

/** The Local registry's check: its folder exists (made if need be) and can be read and written. */
export async function checkLocal(saved: SavedRegistry, now = new Date()): Promise<RegistryStatus> {
  const checkedAt = now.toISOString();
  try {
    await mkdir(saved.host, { recursive: true, mode: 0o700 });
    await access(saved.host, constants.R_OK | constants.W_OK | constants.X_OK);
    return { ...localStatus(saved), checkedAt };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { state: 'error', reason: `The Local registry's folder ${saved.host} cannot be used (${code}): check that it exists and that you may write to it.`, checkedAt };
  }
}
