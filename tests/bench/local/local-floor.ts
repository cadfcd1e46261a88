import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The floor of opening Local: bare Node reading what a catalog must read, nothing else. */
export interface LocalFloorJob {
  kind: 'floor-open';
  /** The Local registry's folder (`<dataDir>/local`). */
  root: string;
}

const PARALLEL = 16;

/**
 * Walks the folder for `oci-layout` files, reads and parses every index.json and every manifest it
 * names, 16 repositories at a time: no verification, no classification, no cache, no events.
 * Returns how many manifests it read.
 */
export async function floorOpenLocal(job: LocalFloorJob): Promise<string> {
  const layouts: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    if (depth > 0 && entries.some((e) => e.name === 'oci-layout')) layouts.push(dir);
    if (depth >= 8) return;
    await Promise.all(entries.filter((e) => e.isDirectory() && e.name !== 'blobs' && e.name !== 'ingest' && !e.name.startsWith('.')).map((e) => walk(join(dir, e.name), depth + 1)));
  };
  await walk(job.root, 0);
  let manifests = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < layouts.length; i = next++) {
      const dir = layouts[i] as string;
      const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
      for (const entry of index.manifests) {
        JSON.parse(await readFile(join(dir, 'blobs', 'sha256', entry.digest.slice('sha256:'.length)), 'utf8'));
        manifests += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return `${layouts.length} layouts, ${manifests} manifests`;
}
