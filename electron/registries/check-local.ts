import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import type { RegistryStatus } from '../../shared/contract';
import { LayoutDamaged, LocalStore } from '../store';
import { localStatus } from './local-registry';
import type { SavedRegistry } from './saved-registry';

/** A check reads at most this many repositories' index.json (each a small file). */
const MAX_CHECKED = 5000;

/**
 * The Local registry's check: its folder exists (made if need be) and can be read and written, and
 * every repository's `oci-layout` and `index.json` can be read. A damaged one turns the status to
 * an error naming the repository and the file; nothing is changed.
 */
export async function checkLocal(saved: SavedRegistry, now = new Date()): Promise<RegistryStatus> {
  const checkedAt = now.toISOString();
  try {
    await mkdir(saved.host, { recursive: true, mode: 0o700 });
    await access(saved.host, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { state: 'error', reason: `The Local registry's folder ${saved.host} cannot be used (${code}): check that it exists and that you may write to it.`, checkedAt };
  }
  const damaged = await damagedRepositories(new LocalStore(saved.host));
  if (damaged.length > 0) {
    const more = damaged.length > 1 ? ` (and ${damaged.length - 1} more damaged ${damaged.length === 2 ? 'repository' : 'repositories'})` : '';
    return { state: 'error', reason: `${damaged[0]!.message}${more}`, checkedAt };
  }
  return { ...localStatus(saved), checkedAt };
}

async function damagedRepositories(store: LocalStore): Promise<LayoutDamaged[]> {
  const damaged: LayoutDamaged[] = [];
  let checked = 0;
  for await (const name of store.repositories()) {
    if (++checked > MAX_CHECKED) break;
    try {
      await store.repository(name).exists();
    } catch (error) {
      if (error instanceof LayoutDamaged) damaged.push(error);
    }
  }
  return damaged;
}
