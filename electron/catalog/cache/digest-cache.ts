import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDigest } from '../../../shared/artifacts';

export interface DigestCacheOptions {
  /** Total bytes on disk before the least recently used entries are evicted. */
  maxBytes: number;
  /** Entries kept in memory. */
  maxMemoryEntries: number;
}

interface DiskEntry {
  size: number;
  /** Last use, for eviction (ms). */
  used: number;
}

/**
 * Content addressed by digest never changes: kept in memory (LRU) and on disk under
 * `<dir>/<algorithm>/<hex>`, written atomically, bounded in total size (least recently used goes).
 * Every value is opaque bytes; callers verify what they read when it matters.
 */
export class DigestCache {
  private readonly memory = new Map<string, Buffer>();
  private disk: Map<string, DiskEntry> | undefined;
  private loading: Promise<Map<string, DiskEntry>> | undefined;
  private total = 0;
  private clock = 0;
  /** Shard folders known to exist: one mkdir per folder, not per entry. */
  private readonly folders = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly options: DigestCacheOptions,
  ) {}

  private pathOf(digest: string): string {
    const [algorithm, hex] = digest.split(':') as [string, string];
    return join(this.dir, algorithm, hex);
  }

  private tick(): number {
    this.clock = Math.max(this.clock + 1, Date.now());
    return this.clock;
  }

  async get(digest: string): Promise<Buffer | undefined> {
    if (!isDigest(digest)) return undefined;
    const hit = this.memory.get(digest);
    if (hit) {
      this.memory.delete(digest);
      this.memory.set(digest, hit);
      const entry = this.disk?.get(digest);
      if (entry) entry.used = this.tick();
      return hit;
    }
    const disk = await this.index();
    const entry = disk.get(digest);
    if (!entry) return undefined;
    try {
      const bytes = await readFile(this.pathOf(digest));
      entry.used = this.tick();
      this.remember(digest, bytes);
      return bytes;
    } catch {
      this.forgetDisk(digest);
      return undefined;
    }
  }

  /** Keeps the bytes in memory and, unless `memoryOnly` (they are files on this disk already), on disk. */
  async put(digest: string, bytes: Buffer, memoryOnly = false): Promise<void> {
    if (!isDigest(digest)) return;
    this.remember(digest, bytes);
    if (memoryOnly) return;
    const disk = await this.index();
    if (disk.has(digest) || bytes.length > this.options.maxBytes) return;
    const path = this.pathOf(digest);
    const folder = join(path, '..');
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      this.folders.add(folder);
    }
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, bytes, { flag: 'wx', mode: 0o600 }).catch(async (error: unknown) => {
      // The folder may have been removed under us (cache cleared): make it again once.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.folders.delete(folder);
      await mkdir(folder, { recursive: true, mode: 0o700 });
      this.folders.add(folder);
      await writeFile(temp, bytes, { flag: 'wx', mode: 0o600 });
    });
    await rename(temp, path).catch(async (error: unknown) => {
      await rm(temp, { force: true });
      throw error;
    });
    if (!disk.has(digest)) {
      disk.set(digest, { size: bytes.length, used: this.tick() });
      this.total += bytes.length;
    }
    await this.evict();
  }

  /** Drops an entry that turned out to be wrong (e.g. it no longer matches its digest). */
  async delete(digest: string): Promise<void> {
    this.memory.delete(digest);
    if (!isDigest(digest)) return;
    await rm(this.pathOf(digest), { force: true });
    this.forgetDisk(digest);
  }

  /** Bytes on disk and entries, for tests and the settings view. */
  async usage(): Promise<{ bytes: number; entries: number }> {
    const disk = await this.index();
    return { bytes: this.total, entries: disk.size };
  }

  private remember(digest: string, bytes: Buffer): void {
    this.memory.delete(digest);
    this.memory.set(digest, bytes);
    while (this.memory.size > this.options.maxMemoryEntries) {
      const oldest = this.memory.keys().next().value as string;
      this.memory.delete(oldest);
    }
  }

  private forgetDisk(digest: string): void {
    const entry = this.disk?.get(digest);
    if (!entry) return;
    this.disk?.delete(digest);
    this.total -= entry.size;
  }

  private async evict(): Promise<void> {
    const disk = this.disk;
    if (!disk || this.total <= this.options.maxBytes) return;
    const target = this.options.maxBytes * 0.9;
    const byAge = [...disk].sort((a, b) => a[1].used - b[1].used);
    for (const [digest] of byAge) {
      if (this.total <= target) break;
      this.memory.delete(digest);
      await rm(this.pathOf(digest), { force: true });
      this.forgetDisk(digest);
    }
  }

  private index(): Promise<Map<string, DiskEntry>> {
    if (this.disk) return Promise.resolve(this.disk);
    this.loading ??= this.scan().then((found) => {
      this.disk = found;
      return found;
    });
    return this.loading;
  }

  private async scan(): Promise<Map<string, DiskEntry>> {
    const found = new Map<string, DiskEntry>();
    for (const algorithm of ['sha256', 'sha512']) {
      let names: string[];
      try {
        names = await readdir(join(this.dir, algorithm));
      } catch {
        continue;
      }
      for (const name of names) {
        const path = join(this.dir, algorithm, name);
        if (name.endsWith('.tmp')) {
          await rm(path, { force: true });
          continue;
        }
        const digest = `${algorithm}:${name}`;
        if (!isDigest(digest)) continue;
        try {
          const info = await stat(path);
          found.set(digest, { size: info.size, used: info.mtimeMs });
          this.total += info.size;
        } catch {
          /* vanished meanwhile */
        }
      }
    }
    return found;
  }
}
