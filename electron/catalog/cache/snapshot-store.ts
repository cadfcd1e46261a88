import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TagListing } from '../../../shared/contract';
import type { ListingSource } from '../listing/repository-lister';
import { decodeSnapshot, MAX_SNAPSHOT_BYTES, MAX_SNAPSHOT_REPOSITORIES, MAX_SNAPSHOT_TAGS, SNAPSHOT_VERSION, type RepositorySnapshot, type SnapshotFile, type SummarySnapshot } from './snapshot-format';

/** One registry's snapshot in memory; `SnapshotStore.save` writes it when it changed. */
export class RegistrySnapshot {
  listing: { source: ListingSource; names: string[] } | undefined;
  readonly repositories: Map<string, RepositorySnapshot>;
  /** Changed since the last write. */
  dirty = false;

  constructor(
    readonly url: string,
    file?: SnapshotFile,
  ) {
    this.listing = file?.listing;
    this.repositories = new Map(Object.entries(file?.repositories ?? {}));
  }

  repository(name: string): RepositorySnapshot | undefined {
    return this.repositories.get(name);
  }

  setListing(source: ListingSource, names: readonly string[]): void {
    this.listing = { source, names: names.slice(0, MAX_SNAPSHOT_REPOSITORIES) };
    this.dirty = true;
  }

  /** A new tag list: digests of tags no longer listed are dropped. */
  setTags(name: string, listing: TagListing): void {
    const entry = this.entry(name);
    if (!entry) return;
    if (listing.tags.length > MAX_SNAPSHOT_TAGS) {
      delete entry.tags;
      delete entry.referrerTags;
    } else {
      entry.tags = [...listing.tags];
      entry.referrerTags = { ...listing.referrerTags };
    }
    const listed = new Set(listing.tags);
    for (const tags of Object.values(listing.referrerTags)) for (const tag of tags) listed.add(tag);
    for (const tag of Object.keys(entry.digests)) if (!listed.has(tag)) delete entry.digests[tag];
    this.dirty = true;
  }

  setDigest(name: string, tag: string, digest: string): void {
    const entry = this.entry(name);
    if (!entry || entry.digests[tag] === digest) return;
    if (Object.keys(entry.digests).length >= MAX_SNAPSHOT_TAGS) return;
    entry.digests[tag] = digest;
    this.dirty = true;
  }

  setSummary(name: string, summary: SummarySnapshot): void {
    const entry = this.entry(name);
    if (!entry) return;
    entry.summary = summary;
    this.dirty = true;
  }

  toFile(): SnapshotFile {
    return { version: SNAPSHOT_VERSION, url: this.url, ...(this.listing ? { listing: this.listing } : {}), repositories: Object.fromEntries(this.repositories) };
  }

  private entry(name: string): RepositorySnapshot | undefined {
    let entry = this.repositories.get(name);
    if (!entry) {
      if (this.repositories.size >= MAX_SNAPSHOT_REPOSITORIES) return undefined;
      entry = { digests: {} };
      this.repositories.set(name, entry);
    }
    return entry;
  }
}

/**
 * Snapshots of every registry's catalog under `<dir>/<hash of the registry id>.json`: read once
 * per registry, written atomically (temp file, then rename) and at most one write at a time per
 * registry; a write asked for while one runs follows it with the latest state.
 */
export class SnapshotStore {
  private readonly open = new Map<string, { url: string; snapshot: Promise<RegistrySnapshot> }>();
  private readonly writes = new Map<string, { chain: Promise<void>; pending?: Promise<void> }>();
  private folderMade = false;
  private swept: Promise<void> | undefined;

  constructor(readonly dir: string) {}

  private pathOf(registryId: string): string {
    return join(this.dir, `${createHash('sha256').update(registryId).digest('hex').slice(0, 32)}.json`);
  }

  /** The registry's snapshot (empty when none, unreadable, or taken from another address). */
  get(registryId: string, url: string): Promise<RegistrySnapshot> {
    const known = this.open.get(registryId);
    if (known && known.url === url) return known.snapshot;
    const snapshot = this.read(registryId, url);
    this.open.set(registryId, { url, snapshot });
    return snapshot;
  }

  /** Writes the registry's snapshot if it changed; resolves once that is on disk (never rejects). */
  save(registryId: string): Promise<void> {
    const known = this.open.get(registryId);
    if (!known) return Promise.resolve();
    let writes = this.writes.get(registryId);
    if (!writes) {
      writes = { chain: Promise.resolve() };
      this.writes.set(registryId, writes);
    }
    if (writes.pending) return writes.pending;
    const state = writes;
    const next = state.chain.then(async () => {
      state.pending = undefined;
      const snapshot = await known.snapshot;
      if (snapshot.dirty) await this.write(registryId, snapshot);
    });
    state.pending = next;
    state.chain = next;
    return next;
  }

  /** Writes every snapshot that changed (app quit, tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.save(id)));
  }

  private async read(registryId: string, url: string): Promise<RegistrySnapshot> {
    this.swept ??= this.sweep();
    await this.swept;
    const path = this.pathOf(registryId);
    try {
      if ((await stat(path)).size > MAX_SNAPSHOT_BYTES) return new RegistrySnapshot(url);
      return new RegistrySnapshot(url, decodeSnapshot(await readFile(path), url));
    } catch {
      return new RegistrySnapshot(url);
    }
  }

  /** Temp files of writes a crash cut short (before this store writes any of its own). */
  private async sweep(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => n.endsWith('.tmp')).map((n) => rm(join(this.dir, n), { force: true }).catch(() => undefined)));
  }

  private async write(registryId: string, snapshot: RegistrySnapshot): Promise<void> {
    snapshot.dirty = false;
    const bytes = Buffer.from(JSON.stringify(snapshot.toFile()));
    if (bytes.length > MAX_SNAPSHOT_BYTES) return; // too large to be read back: keep none rather than a useless one
    const path = this.pathOf(registryId);
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      if (!this.folderMade) {
        await mkdir(this.dir, { recursive: true, mode: 0o700 });
        this.folderMade = true;
      }
      await writeFile(temp, bytes, { flag: 'wx', mode: 0o600 });
      await rename(temp, path);
    } catch {
      // A cache: a failed write costs a slower next open, nothing else. Try again next time.
      snapshot.dirty = true;
      this.folderMade = false;
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }
}
