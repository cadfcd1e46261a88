import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createDigester, digestOf } from '../../oci/blobs/digest';
import { writevFully } from '../../oci/blobs/write-fully';
import type { WalkedNode } from '../model';
import { BlockGzip } from './block-gzip';
import { folderTarStream } from './folder-tar-stream';

export interface TarFolderOptions {
  /** The folder on disk. */
  dir: string;
  /** The name every entry is stored under (`oras push dir/`: the folder's name; a chart: its name). */
  prefix: string;
  /** The folder's content in the order to store it (from walkFolder). */
  nodes: readonly WalkedNode[];
  /** Store folder entries too, the top one included (ORAS); a chart stores files and links only. */
  includeDirectories: boolean;
  /** Where the .tar.gz goes (written to a temp name, renamed into place when complete). */
  target: string;
  signal?: AbortSignal;
}

export interface TarredFolder {
  path: string;
  /** sha256 of the gzip'd bytes: the layer digest. */
  digest: string;
  size: number;
  /** sha256 of the uncompressed tar (`io.deis.oras.content.digest`). */
  tarDigest: string;
}

/**
 * Packs a folder into a reproducible .tar.gz, streamed (tar → hash → gzip → hash → file), never
 * holding a large file in memory: entries in the walk's sorted order with node-tar's portable
 * headers (owner 0/0 without names, times at the epoch), links stored as links, empty folders kept;
 * a gzip header without name or time. The same folder content always gives the same bytes and so
 * the same digest. Reading runs ahead on the thread pool and gzip compresses 1 MiB blocks on every
 * core (block-gzip.ts): GNU `tar -czf` is a tar and a gzip process, this is one process using both.
 */
export async function tarFolder(options: TarFolderOptions): Promise<TarredFolder> {
  await mkdir(dirname(options.target), { recursive: true, mode: 0o700 });
  const temp = `${options.target}.partial`;
  const tarHash = createDigester('sha256');
  const gzHash = createDigester('sha256');
  let size = 0;
  const file = await open(temp, 'w', 0o600);
  try {
    const gzip = new BlockGzip(async (chunk) => {
      gzHash.update(chunk);
      await writevFully(file, [chunk], size);
      size += chunk.length;
    });
    const nodes = options.includeDirectories ? options.nodes : options.nodes.filter((node) => node.type !== 'directory');
    for await (const chunk of folderTarStream({ dir: options.dir, prefix: options.prefix, nodes, includeTop: options.includeDirectories, ...(options.signal ? { signal: options.signal } : {}) })) {
      tarHash.update(chunk);
      await gzip.write(chunk);
    }
    await gzip.end();
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await file.close();
  await rename(temp, options.target);
  return { path: options.target, digest: digestOf(gzHash, 'sha256'), size, tarDigest: digestOf(tarHash, 'sha256') };
}
