import { randomBytes } from 'node:crypto';
import { chmod, link, lstat, mkdir, open, readdir, readlink, realpath, rename, rm, symlink, unlink, utimes } from 'node:fs/promises';
import type { ConflictAnswer } from '../../../shared/contract/downloads';
import type { Stats } from 'node:fs';
import { join, posix, sep } from 'node:path';
import { entrySegments, shown, UnsafeName, type EntryPlatform } from './entry-path';
import { EntryRefused, type SkippedEntry } from './extract-errors';
import { asBuffer, freeCopyName, lstatOrUndefined, writeAll, writeSmall } from './file-writes';
import { resolveLinkInside } from './link-target';
import { foldName, probeNameFolding, type NameFolding } from './name-folding';

export interface SafeWriterOptions {
  /** An existing folder; nothing is ever created, changed or linked outside it. */
  root: string;
  platform?: EntryPlatform;
  maxDepth?: number;
  /** Default: asks the volume (a probe file in the root). */
  folding?: NameFolding;
  /**
   * Absolute symlink targets: `refuse` (files, charts), or `inside-root` (a root file system, where
   * `/usr/lib/x` means the image's own `/usr/lib/x`): rewritten as the relative link to that place.
   */
  absoluteLinks: 'refuse' | 'inside-root';
  /**
   * The root is a new, empty folder only this writer touches (a staging folder): a name not
   * written before cannot exist in a folder the writer made, so it is not looked up first, and
   * small files are written several at a time.
   */
  fresh?: boolean;
}

export interface FileOptions {
  mode?: number;
  /** Seconds since the epoch. */
  mtime?: number;
}

export interface PlaceResult {
  /** Where it went, relative to the root (differs from the name asked for after keep-both). */
  name: string;
  outcome: 'placed' | 'replaced' | 'kept-both' | 'skipped';
}

/** Files up to this size are read whole and written in one go (a few at a time in a fresh root). */
const SMALL_FILE = 256 * 1024;
const WRITE_BATCH = 1024 * 1024;
/** Small files being written at once in a fresh root (libuv's pool has 4 threads; a few more keep it busy). */
const MAX_IN_FLIGHT = 16;
/** setuid, setgid and sticky bits are never written. */
const PERMISSION_BITS = 0o777;

/**
 * The only code that turns a name from an archive or a manifest into a file. Every name passes
 * entrySegments; every folder on the way is lstat'ed (never followed) and must be a real folder;
 * the final name is unlinked before writing, and files are opened with O_EXCL so a link planted
 * there is never written through; links are created only if they resolve inside the root, and
 * all of them are checked again at the end, since a later entry can change where an earlier
 * one leads. Everything it creates is remembered so a stopped extraction can be removed.
 */
export class SafeWriter {
  readonly skipped: SkippedEntry[] = [];
  files = 0;
  bytes = 0;
  private readonly realDirs = new Set<string>();
  private readonly dirModes = new Map<string, number>();
  private readonly links = new Set<string>();
  private readonly names = new Map<string, string>();
  /** Folders this writer made (and the root, when fresh): a new name in one needs no lookup. */
  private readonly madeDirs = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private writeFailure: Error | undefined;

  private constructor(
    readonly root: string,
    private readonly options: SafeWriterOptions,
    /** How the volume compares names (probed once; a staging folder inside the root shares it). */
    readonly folding: NameFolding,
  ) {}

  static async open(options: SafeWriterOptions): Promise<SafeWriter> {
    const root = await realpath(options.root);
    const stats = await lstat(root);
    if (!stats.isDirectory()) throw new Error(`${root} is not a folder`);
    const folding = options.folding ?? (await probeNameFolding(root));
    const writer = new SafeWriter(root, options, folding);
    if (options.fresh) writer.madeDirs.add(root);
    return writer;
  }

  /** Records an entry that is left out on purpose. */
  skip(name: string, reason: string): void {
    this.skipped.push({ name: shown(name), reason });
  }

  /** The checked segments of a name, or EntryRefused. */
  segments(name: string): string[] {
    try {
      return entrySegments(name, { platform: this.options.platform ?? (process.platform === 'win32' ? 'win32' : 'posix'), maxDepth: this.options.maxDepth ?? 256 });
    } catch (error) {
      if (error instanceof UnsafeName) throw new EntryRefused(shown(name), error.message.replace(/^"[^"]*" /, ''));
      throw error;
    }
  }

  async directory(name: string, mode = 0o755): Promise<void> {
    await this.flush();
    const segments = this.claim(name);
    const parent = await this.parentOf(name, segments);
    const path = join(parent, segments.at(-1) as string);
    const existing = await lstatOrUndefined(path);
    if (existing && !existing.isDirectory()) await this.removePath(path, existing);
    if (!existing || !existing.isDirectory()) {
      await mkdir(path, { mode: 0o700 });
      this.madeDirs.add(path);
    }
    this.realDirs.add(path);
    this.dirModes.set(path, mode & PERMISSION_BITS);
  }

  /** Writes a regular file from its body; returns its absolute path. */
  async file(name: string, body: AsyncIterable<Buffer | Uint8Array>, options: FileOptions = {}, size?: number): Promise<string> {
    const isNew = !this.names.has(foldName(this.segments(name).join('/'), this.folding));
    if (!isNew) await this.flush();
    const segments = this.claim(name);
    const path = await this.clearedTarget(name, segments, isNew);
    const mode = (options.mode ?? 0o644) & PERMISSION_BITS;
    let written = 0;
    if (size !== undefined && size <= SMALL_FILE) {
      const chunks: Buffer[] = [];
      for await (const chunk of body) {
        chunks.push(asBuffer(chunk));
        written += chunk.byteLength;
      }
      const write = writeSmall(path, Buffer.concat(chunks, written), mode, options.mtime);
      if (this.options.fresh) {
        await this.inBackground(write);
      } else {
        await write;
      }
      this.files += 1;
      this.bytes += written;
      return path;
    } else {
      const handle = await open(path, 'wx', 0o600);
      try {
        // Gathered into writes of about 1 MiB: one pool round trip each instead of one per chunk.
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        for await (const chunk of body) {
          pending.push(asBuffer(chunk));
          pendingBytes += chunk.byteLength;
          written += chunk.byteLength;
          if (pendingBytes >= WRITE_BATCH) {
            await writeAll(handle, Buffer.concat(pending, pendingBytes));
            pending = [];
            pendingBytes = 0;
          }
        }
        if (pendingBytes > 0) await writeAll(handle, Buffer.concat(pending, pendingBytes));
        await handle.chmod(mode);
      } finally {
        await handle.close();
      }
    }
    if (options.mtime !== undefined) await utimes(path, options.mtime, options.mtime).catch(() => undefined);
    this.files += 1;
    this.bytes += written;
    return path;
  }

  /**
   * A symlink, created only if it resolves inside the root. Returns the target as written (an
   * absolute target rewritten as a relative one under `inside-root`).
   */
  async symlink(name: string, target: string): Promise<string> {
    await this.flush();
    const segments = this.claim(name);
    if (target.length === 0 || target.includes('\0')) throw new EntryRefused(shown(name), 'is a link with an empty or NUL target');
    let written = target;
    if (target.startsWith('/') || /^[A-Za-z]:|^\\/.test(target)) {
      if (this.options.absoluteLinks === 'refuse' || !target.startsWith('/')) {
        throw new EntryRefused(shown(name), `is a link to the absolute path "${shown(target)}", outside the folder`);
      }
      const fromDir = segments.slice(0, -1).join('/');
      written = posix.relative(posix.join('/', fromDir), posix.normalize(target)) || '.';
    }
    const resolved = await resolveLinkInside(this.root, segments.slice(0, -1), written, this.options.absoluteLinks);
    if (resolved === undefined) throw new EntryRefused(shown(name), `is a link to "${shown(target)}", which leads outside the folder`);
    const path = await this.clearedTarget(name, segments);
    await symlink(written, path);
    this.links.add(segments.join('/'));
    return written;
  }

  /** A hard link to a regular file written earlier in this folder. */
  async hardlink(name: string, targetName: string): Promise<void> {
    await this.flush();
    const segments = this.claim(name);
    let targetSegments: string[];
    try {
      targetSegments = this.segments(targetName);
    } catch (error) {
      if (error instanceof EntryRefused) throw new EntryRefused(shown(name), `is a hard link to "${shown(targetName)}", outside the folder`);
      throw error;
    }
    const targetPath = await this.existingRealPath(targetSegments);
    const stats = targetPath ? await lstatOrUndefined(targetPath) : undefined;
    if (!targetPath || !stats?.isFile()) throw new EntryRefused(shown(name), `is a hard link to "${shown(targetName)}", which is not a file already in the folder`);
    if (join(this.root, ...segments) === targetPath) return;
    const path = await this.clearedTarget(name, segments);
    await link(targetPath, path);
    this.files += 1;
  }

  /**
   * A path where a verified writer (blobs().fetchTo, a small writeFile with `wx`) may put `name`:
   * its folders made safe, anything in the way removed without following it.
   */
  async prepare(name: string): Promise<string> {
    await this.flush();
    const segments = this.claim(name);
    this.files += 1;
    return this.clearedTarget(name, segments);
  }

  /**
   * Moves something built in a staging folder (on the same volume) to `name`. When the name is
   * taken, `ask` decides: replace it, keep both (the new one gets " (1)", " (2)"… before its
   * extension), or skip the new one.
   */
  async place(name: string, staged: string, ask: (name: string) => Promise<ConflictAnswer>): Promise<PlaceResult> {
    await this.flush();
    const segments = this.segments(name);
    const parent = await this.parentOf(name, segments);
    const last = segments.at(-1) as string;
    let target = join(parent, last);
    let placedName = segments.join('/');
    const existing = await lstatOrUndefined(target);
    let outcome: PlaceResult['outcome'] = 'placed';
    if (existing) {
      const answer = await ask(placedName);
      if (answer === 'skip') return { name: placedName, outcome: 'skipped' };
      if (answer === 'replace') {
        if (existing.isDirectory() || (await lstatOrUndefined(staged))?.isDirectory()) await this.removePath(target, existing);
        outcome = 'replaced';
      } else {
        const candidate = await freeCopyName(parent, last);
        if (candidate === undefined) throw new EntryRefused(shown(name), 'has a thousand copies in the folder already');
        target = join(parent, candidate);
        placedName = [...segments.slice(0, -1), candidate].join('/');
        outcome = 'kept-both';
      }
    }
    await rename(staged, target);
    return { name: placedName, outcome };
  }

  /** Removes a name (a whiteout): never follows a link, never leaves the root. */
  async remove(name: string): Promise<void> {
    await this.flush();
    const path = await this.existingRealPath(this.segments(name));
    if (!path) return;
    const stats = await lstatOrUndefined(path);
    if (stats) await this.removePath(path, stats);
  }

  /** Empties a folder except for the names kept (an opaque whiteout: lower layers' content goes). */
  async empty(name: string, keep: (relative: string) => boolean): Promise<void> {
    await this.flush();
    const segments = name === '' ? [] : this.segments(name);
    const path = segments.length === 0 ? this.root : await this.existingRealPath(segments);
    if (!path || !(await lstatOrUndefined(path))?.isDirectory()) return;
    for (const child of await readdir(path)) {
      const relative = [...segments, child].join('/');
      if (keep(relative)) continue;
      const childPath = join(path, child);
      const stats = await lstatOrUndefined(childPath);
      if (stats) await this.removePath(childPath, stats);
    }
  }

  /**
   * Ends the extraction: every link is checked again (an entry after it may have turned a
   * harmless link into one leading out: such links are removed and reported), and folders get
   * their modes (kept writable until now so their entries could be written).
   */
  async finish(): Promise<void> {
    await this.flush();
    for (const name of this.links) {
      const segments = name.split('/');
      const path = join(this.root, ...segments);
      const stats = await lstatOrUndefined(path);
      if (!stats?.isSymbolicLink()) continue;
      const target = await readlink(path);
      const resolved = await resolveLinkInside(this.root, segments.slice(0, -1), target, this.options.absoluteLinks);
      if (resolved === undefined) {
        await unlink(path);
        this.skip(name, `was a link to "${shown(target)}", which a later entry made lead outside the folder; removed`);
      }
    }
    const deepestFirst = [...this.dirModes.entries()].sort((a, b) => b[0].length - a[0].length);
    for (const [path, mode] of deepestFirst) {
      const stats = await lstatOrUndefined(path);
      if (stats?.isDirectory()) await chmod(path, mode);
    }
  }

  /** Waits for the small files still being written; the first failure among them is thrown. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    if (this.writeFailure !== undefined) throw this.writeFailure;
  }

  private async inBackground(write: Promise<void>): Promise<void> {
    if (this.writeFailure !== undefined) throw this.writeFailure;
    const tracked = write.then(
      () => undefined,
      (error: unknown) => {
        this.writeFailure ??= error instanceof Error ? error : new Error(String(error));
      },
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
    if (this.inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.inFlight);
  }

  /** Validates a name and remembers it; refuses a second name the volume would file as the same one. */
  private claim(name: string): string[] {
    const segments = this.segments(name);
    const relative = segments.join('/');
    const key = foldName(relative, this.folding);
    const earlier = this.names.get(key);
    if (earlier !== undefined && earlier !== relative) {
      throw new EntryRefused(shown(name), `is the same file as "${shown(earlier)}" on this volume (names differ only in case or Unicode form)`);
    }
    this.names.set(key, relative);
    return segments;
  }

  /** The real folder an entry goes in: each folder on the way is created or must be a real folder. */
  private async parentOf(name: string, segments: readonly string[]): Promise<string> {
    let path = this.root;
    for (const segment of segments.slice(0, -1)) {
      path = join(path, segment);
      if (this.realDirs.has(path)) continue;
      const stats = await lstatOrUndefined(path);
      if (!stats) {
        await mkdir(path, { mode: 0o755 });
        this.madeDirs.add(path);
      } else if (stats.isSymbolicLink()) {
        throw new EntryRefused(shown(name), `would be written through the link "${shown(segment)}" an earlier entry made`);
      } else if (!stats.isDirectory()) {
        throw new EntryRefused(shown(name), `needs "${shown(segment)}" to be a folder, but it is a file`);
      }
      this.realDirs.add(path);
    }
    return path;
  }

  /** The path for a new file or link: its folder made safe, whatever was there removed (never followed). */
  private async clearedTarget(name: string, segments: readonly string[], isNew = false): Promise<string> {
    const parent = await this.parentOf(name, segments);
    const path = join(parent, segments.at(-1) as string);
    if (isNew && this.madeDirs.has(parent)) return path;
    const existing = await lstatOrUndefined(path);
    if (existing) await this.removePath(path, existing);
    return path;
  }

  private async removePath(path: string, stats: Stats): Promise<void> {
    if (stats.isDirectory()) {
      await rm(path, { recursive: true, force: true });
      for (const dir of [...this.realDirs]) if (dir === path || dir.startsWith(`${path}${sep}`)) this.realDirs.delete(dir);
      for (const dir of [...this.dirModes.keys()]) if (dir === path || dir.startsWith(`${path}${sep}`)) this.dirModes.delete(dir);
      for (const dir of [...this.madeDirs]) if (dir === path || dir.startsWith(`${path}${sep}`)) this.madeDirs.delete(dir);
    } else {
      await unlink(path);
    }
  }

  /** The absolute path of an existing name reached through real folders only (no link on the way). */
  private async existingRealPath(segments: readonly string[]): Promise<string | undefined> {
    let path = this.root;
    for (const [index, segment] of segments.entries()) {
      path = join(path, segment);
      if (index === segments.length - 1) return path;
      if (this.realDirs.has(path)) continue;
      const stats = await lstatOrUndefined(path);
      if (!stats?.isDirectory()) return undefined;
    }
    return path;
  }

}

/** A random name for a staging folder or temp file that no entry can have chosen. */
export function stagingName(prefix: string): string {
  return `.stevedore-${prefix}-${randomBytes(6).toString('hex')}`;
}
