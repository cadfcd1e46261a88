import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { ContractError } from '../../../shared/contract';
import { createDigester, digestOf } from '../../oci/blobs/digest';
import type { ReceivedFile } from '../../services/host-integration';
import { unreadable } from '../sources/walk-folder';

const SMALL_FILE = 1024 * 1024;

export interface HashedFile {
  digest: string;
  size: number;
}

/**
 * sha256 of files, remembered per path + size + mtime: previews after the first are instant, and
 * a file that changed since is hashed again. Bounded (oldest forgotten first).
 */
export class HashCache {
  private readonly known = new Map<string, string>();
  private readonly pending = new Map<string, Promise<string>>();
  /** Staged uploads the web host hashed as they arrived, by path, until first asked for. */
  private readonly received = new Map<string, ReceivedFile>();

  constructor(private readonly maxEntries = 50_000) {}

  /**
   * Digests the host computed from the bytes it wrote (web mode's staged uploads). Each is used
   * once, and only while the file's size, mtime, ctime and inode are still what they were then.
   */
  remember(files: readonly ReceivedFile[]): void {
    for (const file of files) {
      this.received.delete(file.path);
      this.received.set(file.path, file);
      if (this.received.size > this.maxEntries) this.received.delete(this.received.keys().next().value as string);
    }
  }

  /** Hashes `path` (or answers from memory); `label` names the file in errors. */
  async hash(path: string, label: string, signal?: AbortSignal): Promise<HashedFile> {
    const before = await stat(path).catch((error: unknown) => {
      throw unreadable(label, error);
    });
    if (!before.isFile()) throw new ContractError('invalid-input', `${label} is no longer a regular file; drop it again.`);
    const key = `${path}\0${before.size}\0${before.mtimeMs}`;
    const arrived = this.received.get(path);
    if (arrived) {
      this.received.delete(path);
      if (arrived.size === before.size && arrived.mtimeMs === before.mtimeMs && arrived.ctimeMs === before.ctimeMs && arrived.ino === before.ino) this.known.set(key, arrived.digest);
    }
    const cached = this.known.get(key);
    if (cached) {
      this.known.delete(key);
      this.known.set(key, cached);
      return { digest: cached, size: before.size };
    }
    // two previews at once read the file once
    let hashing = this.pending.get(key);
    if (!hashing) {
      hashing = this.read(path, label, before.size, before.mtimeMs, signal);
      this.pending.set(key, hashing);
      void hashing.finally(() => this.pending.delete(key)).catch(() => undefined);
    }
    const digest = await hashing;
    this.known.set(key, digest);
    if (this.known.size > this.maxEntries) this.known.delete(this.known.keys().next().value as string);
    return { digest, size: before.size };
  }

  private async read(path: string, label: string, size: number, mtimeMs: number, signal?: AbortSignal): Promise<string> {
    const hash = createDigester('sha256');
    try {
      // small files in one read: a stream per file costs more than the hashing
      if (size <= SMALL_FILE) hash.update(await readFile(path, { ...(signal ? { signal } : {}) }));
      else await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), hash, ...(signal ? [{ signal }] : []));
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw unreadable(label, error);
    }
    const after = await stat(path).catch((error: unknown) => {
      throw unreadable(label, error);
    });
    if (after.size !== size || after.mtimeMs !== mtimeMs) {
      throw new ContractError('invalid-input', `${label} changed while it was being read; wait until it is written completely, then publish again.`);
    }
    return digestOf(hash, 'sha256');
  }
}
