import { constants, type Stats } from 'node:fs';
import { lstat, open, readlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError } from '../../../shared/contract';
import type { WalkedNode } from '../model';
import { tarEntryHeader, type TarEntryType } from './tar-header';

/** Files up to this size are read whole, ahead of their turn; larger ones are streamed when they come. */
const READ_AHEAD_FILE_BYTES = 1024 * 1024;
/** Entries looked at (and small files read) ahead of the one being written. */
const READ_AHEAD_ENTRIES = 16;
const CHUNK_BYTES = 1024 * 1024;
const BLOCK = 512;
const END_OF_ARCHIVE = 1024;

export interface FolderTarSource {
  dir: string;
  /** The name every entry is stored under. */
  prefix: string;
  /** Entries in the order to store them (the walk's), each `rel` under `dir`. */
  nodes: readonly WalkedNode[];
  /** Store the top folder itself (`<prefix>/`) first. */
  includeTop: boolean;
  signal?: AbortSignal;
}

/** An entry looked at on disk: its header, and its bytes already read or a file still to stream. */
interface Ready {
  header: Buffer;
  body?: Buffer;
  stream?: { handle: FileHandle; size: number; before: Stats; rel: string };
}

/** The folder changed between the walk and now: the archive would not be what the preview showed. */
export class FolderChanged extends ContractError {
  constructor(prefix: string, rel: string, what: string) {
    super('invalid-input', `${prefix}: ${rel || 'the folder'} ${what} while it was packed; publish it again.`);
  }
}

function typeOf(info: Stats): TarEntryType | undefined {
  if (info.isFile()) return 'File';
  if (info.isDirectory()) return 'Directory';
  if (info.isSymbolicLink()) return 'SymbolicLink';
  return undefined;
}

const WALKED_TYPE: Record<WalkedNode['type'], TarEntryType> = { file: 'File', directory: 'Directory', symlink: 'SymbolicLink' };

function sameFile(a: Stats, b: Stats): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

async function readExactly(handle: FileHandle, buffer: Buffer, position: number): Promise<number> {
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

/**
 * The tar stream of a walked folder, chunk by chunk: entries in the walk's order with node-tar's
 * portable headers, each file's bytes followed by zero padding to 512, then the two empty blocks
 * that end an archive. Up to 16 entries are looked at and small files read ahead, on the thread
 * pool, while earlier ones are written; a large file streams in 1 MiB reads when its turn comes.
 * Links are stored, never followed (files are opened with O_NOFOLLOW). Every entry is looked at
 * again now: one that vanished, changed type or changed while it was read fails, naming it.
 */
export async function* folderTarStream(source: FolderTarSource): AsyncGenerator<Buffer> {
  const items: Array<{ rel: string; type: TarEntryType }> = [];
  if (source.includeTop) items.push({ rel: '', type: 'Directory' });
  for (const node of source.nodes) items.push({ rel: node.rel, type: WALKED_TYPE[node.type] });
  const opened = new Set<FileHandle>();
  const ahead: Array<Promise<Ready>> = [];
  let next = 0;
  const fill = () => {
    while (ahead.length < READ_AHEAD_ENTRIES && next < items.length) {
      const loading = look(source, items[next]!, opened);
      loading.catch(() => undefined); // awaited in turn; a failure must not count as unhandled before then
      ahead.push(loading);
      next += 1;
    }
  };
  try {
    fill();
    while (ahead.length > 0) {
      source.signal?.throwIfAborted();
      const ready = await ahead.shift()!;
      fill();
      yield ready.header;
      if (ready.body) {
        yield ready.body;
        yield* padding(ready.body.length);
      } else if (ready.stream) {
        yield* streamFile(source, ready.stream);
        opened.delete(ready.stream.handle);
        await ready.stream.handle.close();
        yield* padding(ready.stream.size);
      }
    }
    yield Buffer.alloc(END_OF_ARCHIVE);
  } finally {
    // entries looked at ahead of a failure: their files are closed once their look ends
    await Promise.allSettled(ahead);
    await Promise.allSettled([...opened].map((handle) => handle.close()));
  }
}

function* padding(size: number): Generator<Buffer> {
  const rest = size % BLOCK;
  if (rest > 0) yield Buffer.alloc(BLOCK - rest);
}

async function look(source: FolderTarSource, item: { rel: string; type: TarEntryType }, opened: Set<FileHandle>): Promise<Ready> {
  const absolute = item.rel ? join(source.dir, item.rel) : source.dir;
  const stored = item.rel ? `${source.prefix}/${item.rel}` : source.prefix;
  try {
    if (item.type !== 'File') {
      const info = await lstat(absolute);
      if (typeOf(info) !== item.type) throw new FolderChanged(source.prefix, item.rel, 'changed');
      if (item.type === 'Directory') return { header: tarEntryHeader({ path: `${stored}/`, type: 'Directory', mode: info.mode, size: 0 }) };
      const linkpath = await readlink(absolute);
      return { header: tarEntryHeader({ path: stored, type: 'SymbolicLink', mode: info.mode, size: 0, linkpath }) };
    }
    const handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW);
    opened.add(handle);
    const before = await handle.stat();
    if (!before.isFile()) throw new FolderChanged(source.prefix, item.rel, 'changed');
    const header = tarEntryHeader({ path: stored, type: 'File', mode: before.mode, size: before.size });
    if (before.size > READ_AHEAD_FILE_BYTES) return { header, stream: { handle, size: before.size, before, rel: item.rel } };
    const body = Buffer.allocUnsafe(before.size);
    const read = await readExactly(handle, body, 0);
    const after = await handle.stat();
    opened.delete(handle);
    await handle.close();
    if (read !== before.size || !sameFile(before, after)) throw new FolderChanged(source.prefix, item.rel, 'changed');
    return { header, body };
  } catch (error) {
    throw explain(source.prefix, item.rel, error);
  }
}

async function* streamFile(source: FolderTarSource, file: NonNullable<Ready['stream']>): AsyncGenerator<Buffer> {
  let position = 0;
  while (position < file.size) {
    source.signal?.throwIfAborted();
    // a fresh buffer each time: the gzip writer keeps chunks until their block is compressed
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, file.size - position));
    const read = await readExactly(file.handle, chunk, position).catch((error: unknown) => {
      throw explain(source.prefix, file.rel, error);
    });
    if (read < chunk.length) throw new FolderChanged(source.prefix, file.rel, 'shrank');
    position += read;
    yield chunk;
  }
  const after = await file.handle.stat();
  if (!sameFile(file.before, after)) throw new FolderChanged(source.prefix, file.rel, 'changed');
}

function explain(prefix: string, rel: string, error: unknown): unknown {
  if (error instanceof ContractError || (error as Error).name === 'AbortError') return error;
  const code = (error as { code?: string }).code;
  const name = rel || 'a file';
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ContractError('not-found', `${prefix}: ${name} vanished while it was packed.`);
  if (code === 'EACCES' || code === 'EPERM') return new ContractError('denied', `${prefix}: ${name} cannot be read (permission denied).`);
  if (code === 'ELOOP') return new FolderChanged(prefix, rel, 'became a symbolic link');
  return error;
}
