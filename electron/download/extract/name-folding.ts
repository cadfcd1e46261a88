import { randomBytes } from 'node:crypto';
import { lstat, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * How the target file system compares names. On a case-insensitive (macOS, Windows) or
 * normalisation-insensitive (APFS) volume two different entry names can be one file, so a later
 * entry could replace what an earlier one planted (node-tar CVE-2021-37712): names are compared
 * the way the volume compares them.
 */
export interface NameFolding {
  caseInsensitive: boolean;
  normalisationInsensitive: boolean;
}

export const EXACT_NAMES: NameFolding = { caseInsensitive: false, normalisationInsensitive: false };

/** Asks the volume itself: writes a probe file and looks it up under a folded name. */
export async function probeNameFolding(folder: string): Promise<NameFolding> {
  const tag = randomBytes(6).toString('hex');
  const upper = join(folder, `.stevedore-probe-${tag}-A`);
  const decomposed = join(folder, `.stevedore-probe-${tag}-e\u0301`);
  try {
    await writeFile(upper, '', { flag: 'wx' });
    await writeFile(decomposed, '', { flag: 'wx' }).catch(() => undefined);
    const caseInsensitive = await exists(join(folder, `.stevedore-probe-${tag}-a`));
    const normalisationInsensitive = await exists(join(folder, `.stevedore-probe-${tag}-\u00e9`));
    return { caseInsensitive, normalisationInsensitive };
  } finally {
    await rm(upper, { force: true });
    await rm(decomposed, { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** The key under which the volume files a relative path. */
export function foldName(path: string, folding: NameFolding): string {
  let key = folding.normalisationInsensitive ? path.normalize('NFD') : path;
  if (folding.caseInsensitive) key = key.toLowerCase().toUpperCase().toLowerCase();
  return key;
}
