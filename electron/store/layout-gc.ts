import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isDigest } from '../oci/reference/digest';
import type { LayoutContext } from './layout-context';
import { isMissing } from './layout-errors';
import type { LayoutIndex } from './layout-index';
import { BLOBS_DIR, INGEST_DIR } from './layout-paths';
import { walkLayout } from './layout-walk';

export const DEFAULT_GC_GRACE_MS = 10 * 60_000;

export interface GcResult {
  removed: string[];
  bytes: number;
}

/**
 * Removes blobs `index` no longer reaches, and abandoned temp files. Call under the layout lock,
 * with the index about to be written. Spared: anything written or reused within the grace period
 * (a push in progress elsewhere holds such blobs before its manifest lands), except `orphan`, the
 * manifest just deleted. Temp files a crash left (in `ingest/`, index.json's) go once past the grace
 * period. A damaged layout throws from the walk before a single file goes.
 */
export async function collectGarbage(context: LayoutContext, index: LayoutIndex, options: { orphan?: string; signal?: AbortSignal } = {}): Promise<GcResult> {
  const { reachable } = await walkLayout(context, index, options.signal);
  const grace = context.options.gcGraceMs ?? DEFAULT_GC_GRACE_MS;
  const now = Date.now();
  const result: GcResult = { removed: [], bytes: 0 };
  const blobsDir = join(context.dir, BLOBS_DIR);
  for (const algorithm of await list(blobsDir)) {
    if (algorithm !== 'sha256' && algorithm !== 'sha512') continue;
    for (const hex of await list(join(blobsDir, algorithm))) {
      options.signal?.throwIfAborted();
      const digest = `${algorithm}:${hex}`;
      if (!isDigest(digest) || reachable.has(digest)) continue;
      const path = join(blobsDir, algorithm, hex);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) continue;
      if (digest !== options.orphan && now - info.mtimeMs < grace) continue;
      await unlink(path).catch(() => undefined);
      result.removed.push(digest);
      result.bytes += info.size;
    }
  }
  // Temp files of index.json / oci-layout writes a crash cut short.
  for (const name of await list(context.dir)) {
    if (!/^\.(index\.json|oci-layout)\.[0-9a-f]+\.tmp$/.test(name)) continue;
    const info = await stat(join(context.dir, name)).catch(() => undefined);
    if (info && now - info.mtimeMs >= grace) await unlink(join(context.dir, name)).catch(() => undefined);
  }
  const ingest = join(context.dir, INGEST_DIR);
  for (const name of await list(ingest)) {
    const info = await stat(join(ingest, name)).catch(() => undefined);
    if (info && now - info.mtimeMs >= grace) await unlink(join(ingest, name)).catch(() => undefined);
  }
  return result;
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}
