import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurable } from '../fs/durable-write';
import { errnoOf, isMissing, LayoutDamaged } from './layout-errors';
import { INDEX_FILE, LAYOUT_FILE } from './layout-paths';
import { emptyIndex, MAX_INDEX_BYTES, parseIndex, serializeIndex, type LayoutIndex } from './layout-index';

/** What a repository folder holds: a layout, nothing yet, or a broken one (reported, not fixed). */
export type LayoutState = { kind: 'absent' } | { kind: 'layout'; index: LayoutIndex; stamp: string };

/**
 * Reads `oci-layout` and `index.json`. A folder with neither is no repository (yet); one with only
 * `index.json` is a layout whose creation was cut short (Stevedore writes `oci-layout` last), which
 * only a writer completes; anything else wrong is damage.
 */
export async function readLayout(dir: string, repository: string): Promise<LayoutState & { layoutFile: boolean }> {
  const layoutFile = await readLayoutFile(dir, repository);
  const indexPath = join(dir, INDEX_FILE);
  let bytes: Buffer;
  let stamp: string;
  try {
    const info = await stat(indexPath, { bigint: true });
    if (info.size > BigInt(MAX_INDEX_BYTES)) throw new LayoutDamaged(repository, INDEX_FILE, `is ${info.size} bytes, more than an index Stevedore reads`);
    stamp = `${info.ino}:${info.mtimeNs}:${info.size}`;
    bytes = await readFile(indexPath);
  } catch (error) {
    if (error instanceof LayoutDamaged) throw error;
    if (!isMissing(error)) throw new LayoutDamaged(repository, INDEX_FILE, `cannot be read (${errnoOf(error)})`);
    if (layoutFile) throw new LayoutDamaged(repository, INDEX_FILE, 'is missing');
    return { kind: 'absent', layoutFile };
  }
  return { kind: 'layout', index: parseIndex(bytes, repository), stamp, layoutFile };
}

async function readLayoutFile(dir: string, repository: string): Promise<boolean> {
  let text: string;
  try {
    const info = await stat(join(dir, LAYOUT_FILE));
    if (!info.isFile() || info.size > 4096) throw new LayoutDamaged(repository, LAYOUT_FILE, 'is not a small file');
    text = await readFile(join(dir, LAYOUT_FILE), 'utf8');
  } catch (error) {
    if (error instanceof LayoutDamaged) throw error;
    if (isMissing(error)) return false;
    throw new LayoutDamaged(repository, LAYOUT_FILE, `cannot be read (${errnoOf(error)})`);
  }
  const problem = layoutFileProblem(text);
  if (problem) throw new LayoutDamaged(repository, LAYOUT_FILE, problem);
  return true;
}

/** What is wrong with an `oci-layout` file's text, if anything (opened layouts check it too). */
export function layoutFileProblem(text: string): string | undefined {
  let version: unknown;
  try {
    version = (JSON.parse(text) as { imageLayoutVersion?: unknown } | null)?.imageLayoutVersion;
  } catch {
    return 'is not valid JSON';
  }
  if (typeof version !== 'string' || !/^1\.\d+\.\d+$/.test(version)) return `names layout version ${JSON.stringify(version)?.slice(0, 20)}, not 1.x`;
  return undefined;
}

/** Writes index.json (durably) and, for a new layout, `oci-layout` after it. */
export async function writeLayout(dir: string, index: LayoutIndex, layoutFile: boolean): Promise<void> {
  await mkdir(dir, { recursive: true });
  // 0644 like the blobs: other tools (skopeo, oras) read the layout as the same user or another.
  await writeFileDurable(join(dir, INDEX_FILE), serializeIndex(index), 0o644);
  if (!layoutFile) await writeFileDurable(join(dir, LAYOUT_FILE), Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })), 0o644);
}

export { emptyIndex };
