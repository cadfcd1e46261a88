import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, rm, utimes } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ContractError } from '../../shared/contract/errors';
import type { ReceivedFile } from '../services/host-integration';
import { uploadPathComponents } from './upload-paths';

export const MAX_BATCH_FILES = 10_000;
export const MAX_BATCH_FOLDERS = 10_000;
/**
 * Bytes buffered on the way to the staged file: socket chunks (16–64 KiB) gather while a write is
 * in flight and go out in one writev, rather than one write per chunk.
 */
export const STAGED_WRITE_BUFFER = 1024 * 1024;

/** A top-level file or folder of a sealed batch, by the id `publish.open` takes. */
export interface StagedTopEntry {
  id: string;
  name: string;
  type: 'file' | 'directory';
  size: number;
  fileCount: number;
  /** Where it is on this machine; never sent to the browser. */
  path: string;
  /** The digests of its files, hashed as they were written. */
  received: ReceivedFile[];
}

/** An upload refused for its size: the host answers 413 rather than 400. */
export class UploadTooLarge extends ContractError {
  constructor(maxBytes: number) {
    super('invalid-input', `That upload is larger than the ${formatLimit(maxBytes)} upload limit.`);
  }
}

type NodeType = 'file' | 'directory';

/**
 * One dropped or picked set of files and folders, recreated under its own private folder. Every
 * path is checked component by component; each path is reserved before its bytes are written, so
 * two uploads can never land on one file, and a file can never become a folder or the reverse.
 */
export class UploadBatch {
  readonly id = randomUUID();
  readonly dir: string;
  private readonly nodes = new Map<string, NodeType>();
  private readonly tops = new Map<string, { type: NodeType; size: number; fileCount: number; received: ReceivedFile[] }>();
  private files = 0;
  private folders = 0;
  private bytes = 0;
  private inFlight = 0;
  private sealed = false;

  constructor(
    stagingDir: string,
    private readonly maxBytes: number,
  ) {
    this.dir = join(stagingDir, this.id);
  }

  async create(): Promise<void> {
    await mkdir(this.dir, { mode: 0o700 });
  }

  /** An empty folder (or one whose files come later): recreated as it is. */
  async addDirectory(rawPath: string): Promise<void> {
    const parts = this.open(rawPath);
    this.reserve(parts, 'directory');
    await mkdir(join(this.dir, ...parts), { recursive: true, mode: 0o700 });
  }

  /**
   * Streams one file to its place, hashing the bytes as they are written (so publishing need not
   * read the file again); a failed or oversized upload leaves nothing behind.
   */
  async addFile(rawPath: string, body: Readable, modifiedMs?: number): Promise<number> {
    const parts = this.open(rawPath);
    if (this.files >= MAX_BATCH_FILES) throw new ContractError('invalid-input', `One drop can hold at most ${MAX_BATCH_FILES.toLocaleString('en')} files.`);
    this.reserve(parts, 'file');
    this.files += 1;
    const target = join(this.dir, ...parts);
    const top = this.tops.get(parts[0] ?? '');
    let size = 0;
    const hash = createHash('sha256');
    const counter = new Transform({
      highWaterMark: STAGED_WRITE_BUFFER,
      transform: (chunk: Buffer, _enc, done) => {
        size += chunk.length;
        this.bytes += chunk.length;
        if (this.bytes > this.maxBytes) return done(new UploadTooLarge(this.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    this.inFlight += 1;
    let received: ReceivedFile;
    try {
      if (parts.length > 1) await mkdir(join(this.dir, ...parts.slice(0, -1)), { recursive: true, mode: 0o700 });
      await pipeline(body, counter, createWriteStream(target, { flags: 'wx', mode: 0o600, highWaterMark: STAGED_WRITE_BUFFER }));
      if (modifiedMs !== undefined) await utimes(target, modifiedMs / 1000, modifiedMs / 1000);
      // what the file is now, after the last change we made to it: the digest holds while this does
      const info = await lstat(target);
      if (!info.isFile() || info.size !== size) throw new ContractError('invalid-input', `"${parts.join('/')}" changed on this disk while it was uploaded; drop it again.`);
      received = { path: target, digest: `sha256:${hash.digest('hex')}`, size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
    } catch (error) {
      this.bytes -= size;
      this.files -= 1;
      this.nodes.delete(parts.join('/'));
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR') {
        // Nothing of ours was written (and what is there is not ours to remove). Names that differ
        // only in case or accents are one file on some disks.
        throw new ContractError('invalid-input', `"${parts.join('/')}" collides with another file of this drop on this disk; rename one of them.`);
      }
      await rm(target, { force: true });
      if (error instanceof ContractError) throw error;
      throw new ContractError('network', `The upload of "${parts.at(-1) ?? ''}" stopped before the whole file arrived.`);
    } finally {
      this.inFlight -= 1;
    }
    if (top) {
      top.size += size;
      top.fileCount += 1;
      top.received.push(received);
    }
    return size;
  }

  /** No more uploads: hands out one id per top-level file or folder. */
  seal(): StagedTopEntry[] {
    if (this.inFlight > 0) throw new ContractError('invalid-input', 'Files of this upload are still arriving; finish them first.');
    if (this.tops.size === 0) throw new ContractError('invalid-input', 'Nothing was uploaded: drop at least one file or folder.');
    this.sealed = true;
    return [...this.tops].map(([name, top]) => ({ id: randomUUID(), name, type: top.type, size: top.size, fileCount: top.fileCount, path: join(this.dir, name), received: top.received }));
  }

  async discard(): Promise<void> {
    this.sealed = true;
    await rm(this.dir, { recursive: true, force: true });
  }

  private open(rawPath: string): string[] {
    if (this.sealed) throw new ContractError('invalid-input', 'This upload is finished; start a new one.');
    return uploadPathComponents(rawPath);
  }

  /** Records the path and its parent folders, refusing a duplicate or a file/folder clash. */
  private reserve(parts: string[], type: NodeType): void {
    const path = parts.join('/');
    const existing = this.nodes.get(path);
    if (existing === 'file') throw new ContractError('invalid-input', `"${path}" was uploaded twice in one drop.`);
    if (existing === 'directory' && type === 'file') throw new ContractError('invalid-input', `"${path}" is both a file and a folder in this drop.`);
    let prefix = '';
    for (const part of parts.slice(0, -1)) {
      prefix = prefix ? `${prefix}/${part}` : part;
      const seen = this.nodes.get(prefix);
      if (seen === 'file') throw new ContractError('invalid-input', `"${prefix}" is both a file and a folder in this drop.`);
      if (seen === undefined) this.addFolderNode(prefix);
    }
    if (type === 'directory') {
      if (existing === undefined) this.addFolderNode(path);
    } else this.nodes.set(path, 'file');
    const name = parts[0] ?? '';
    if (!this.tops.has(name)) this.tops.set(name, { type: parts.length > 1 || type === 'directory' ? 'directory' : 'file', size: 0, fileCount: 0, received: [] });
  }

  private addFolderNode(path: string): void {
    if (this.folders >= MAX_BATCH_FOLDERS) throw new ContractError('invalid-input', `One drop can hold at most ${MAX_BATCH_FOLDERS.toLocaleString('en')} folders.`);
    this.folders += 1;
    this.nodes.set(path, 'directory');
  }
}

export function formatLimit(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${n} bytes`;
}
