import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Pack } from 'tar';
import { ContractError } from '../../../shared/contract';
import { createDigester, digestOf } from '../../oci/blobs/digest';
import type { WalkedNode } from '../model';

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

function hashTap(hash: ReturnType<typeof createDigester>): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

/**
 * Packs a folder into a reproducible .tar.gz, streamed (tar → hash → gzip → hash → file), never
 * holding a file in memory: entries in the walk's sorted order, owner 0/0 without names, times at
 * the epoch, links stored as links, empty folders kept; a gzip header without name or time. The
 * same folder content always gives the same bytes and so the same digest.
 */
export async function tarFolder(options: TarFolderOptions): Promise<TarredFolder> {
  await mkdir(dirname(options.target), { recursive: true, mode: 0o700 });
  const temp = `${options.target}.partial`;
  let problem: Error | undefined;
  const pack = new Pack({ cwd: options.dir, prefix: options.prefix, portable: true, noDirRecurse: true, follow: false, strict: true, mtime: new Date(0) });
  pack.on('warn', (code: string, message: string) => {
    problem ??= new ContractError('invalid-input', `${options.prefix}: ${message} (${code}); the folder changed while it was packed, publish it again.`);
  });
  const tarHash = createDigester('sha256');
  const gzHash = createDigester('sha256');
  const written = pipeline(pack, hashTap(tarHash), createGzip(), hashTap(gzHash), createWriteStream(temp, { mode: 0o600 }), ...(options.signal ? [{ signal: options.signal }] : []));
  if (options.includeDirectories) pack.add('.');
  for (const node of options.nodes) if (options.includeDirectories || node.type !== 'directory') pack.add(node.rel);
  pack.end();
  try {
    await written;
    if (problem) throw problem;
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof ContractError) throw error;
    const code = (error as { code?: string }).code;
    const path = (error as { path?: string }).path;
    if (code === 'ENOENT' || code === 'EACCES') {
      throw new ContractError(code === 'ENOENT' ? 'not-found' : 'denied', `${options.prefix}: ${path ? path.slice(options.dir.length + 1) || 'a file' : 'a file'} ${code === 'ENOENT' ? 'vanished while it was packed' : 'cannot be read (permission denied)'}.`);
    }
    throw error;
  }
  await rename(temp, options.target);
  const { size } = await stat(options.target);
  return { path: options.target, digest: digestOf(gzHash, 'sha256'), size, tarDigest: digestOf(tarHash, 'sha256') };
}
