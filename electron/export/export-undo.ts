import { readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CopyGraph } from '../copy/copy-graph';
import { parseManifest } from '../oci/manifests/parse-manifest';
import { blobFile, BLOBS_DIR, INDEX_FILE, INGEST_DIR, LAYOUT_FILE, LOCK_FILE } from '../store/layout-paths';
import type { ExportLayout } from './export-layout';

/**
 * After a failed or cancelled export into a folder: takes away what this attempt wrote and nothing
 * else. A folder that was new or empty loses the layout's own entries (and is removed if the export
 * made it); an existing layout keeps everything it had, losing only blobs this export wrote that no
 * manifest in it names (the manifests that landed are complete, so they and their blobs stay).
 */
export async function undoExport(target: ExportLayout, graph: CopyGraph, wasLayout: boolean, madeFolder: boolean): Promise<void> {
  if (!wasLayout) {
    for (const name of [BLOBS_DIR, INGEST_DIR, INDEX_FILE, LAYOUT_FILE, LOCK_FILE]) await rm(join(target.dir, name), { recursive: true, force: true });
    if (madeFolder) await rmdir(target.dir).catch(() => undefined);
    return;
  }
  const named = new Set<string>();
  const manifests = target.layout.manifests();
  for (const node of graph.manifests) {
    if (!(await manifests.exists(node.descriptor.digest).catch(() => false))) continue;
    const parsed = parseManifest(node.bytes, node.descriptor.mediaType);
    const children = parsed.kind === 'manifest' ? [parsed.manifest.config, ...parsed.manifest.layers] : parsed.index.manifests;
    for (const child of children) named.add(child.digest);
  }
  for (const digest of target.written) if (!named.has(digest)) await rm(blobFile(target.dir, digest), { force: true });
}

/** The `ingest/` folder of a layout the export made, once empty (skopeo's layouts have none). */
export async function dropEmptyIngest(dir: string): Promise<void> {
  const ingest = join(dir, INGEST_DIR);
  const left = await readdir(ingest).catch(() => undefined);
  if (left && left.length === 0) await rmdir(ingest).catch(() => undefined);
}
