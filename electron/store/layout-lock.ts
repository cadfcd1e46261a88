import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { link, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { ContractError } from '../../shared/contract';
import { sleep } from '../oci/retry/sleep';
import { errnoOf, isMissing } from './layout-errors';
import { LOCK_FILE } from './layout-paths';

export interface LockOptions {
  /** How long to wait for another writer before giving up (default 60 s). */
  waitMs?: number;
  /**
   * A lock older than this is taken over even when its owner may be alive (default 5 min): every
   * operation under the lock (an index rewrite, a garbage collection) is far shorter, so such a
   * lock is left over from a machine that shares the folder, or a pid that was reused.
   */
  staleMs?: number;
  signal?: AbortSignal;
}

interface Owner {
  pid: number;
  host: string;
  token: string;
  at: number;
}

/** One holder per folder inside this process; the lock file covers other processes. */
const chains = new Map<string, Promise<void>>();

/**
 * Runs `work` while holding the layout's lock: first in this process (a promise chain per folder),
 * then across processes with `<dir>/.stevedore.lock`. The lock file is written complete under a
 * temporary name and hard-linked into place, which fails if it exists, so a crash never leaves a
 * half-written lock; a lock whose process is gone (same host) is taken over.
 */
export async function withLayoutLock<T>(dir: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const previous = chains.get(dir) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const chained = previous.then(() => mine);
  chains.set(dir, chained);
  try {
    await previous;
    const owner = await acquire(dir, options);
    try {
      return await work();
    } finally {
      await releaseFile(dir, owner);
    }
  } finally {
    release();
    if (chains.get(dir) === chained) chains.delete(dir);
  }
}

async function acquire(dir: string, options: LockOptions): Promise<Owner> {
  const path = join(dir, LOCK_FILE);
  const owner: Owner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), at: Date.now() };
  const temp = join(dir, `${LOCK_FILE}.${process.pid}.${owner.token}`);
  const deadline = Date.now() + (options.waitMs ?? 60_000);
  const staleMs = options.staleMs ?? 5 * 60_000;
  await writeFile(temp, JSON.stringify(owner), { mode: 0o600 });
  try {
    let delay = 2;
    for (;;) {
      options.signal?.throwIfAborted();
      owner.at = Date.now();
      try {
        await link(temp, path);
        return owner;
      } catch (error) {
        if (errnoOf(error) !== 'EEXIST') throw new ContractError('internal', `Cannot lock the Local repository folder ${dir} (${errnoOf(error)}).`);
      }
      const held = await readOwner(path);
      if (held === 'gone') continue;
      if (isStale(held, await ageOf(path), staleMs)) {
        await takeOver(path, held);
        continue;
      }
      if (Date.now() > deadline) {
        const who = held ? `process ${held.pid}${held.host === hostname() ? '' : ` on ${held.host.slice(0, 60)}`}` : 'another process';
        throw new ContractError('denied', `The Local repository is busy: ${who} has been writing to it for a while. Try again when it is done.`);
      }
      await sleep(delay, options.signal);
      delay = Math.min(delay * 2, 50);
    }
  } finally {
    await unlink(temp).catch(() => undefined);
    await sweepTemps(dir);
  }
}

async function readOwner(path: string): Promise<Owner | undefined | 'gone'> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<Owner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.token === 'string' && typeof parsed.at === 'number') return parsed as Owner;
    return undefined;
  } catch (error) {
    return isMissing(error) ? 'gone' : undefined;
  }
}

async function ageOf(path: string): Promise<number> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch {
    return 0;
  }
}

function isStale(owner: Owner | undefined, age: number, staleMs: number): boolean {
  if (age > staleMs) return true;
  if (!owner) return false; // unreadable but young: someone else's format; wait for it to age
  return owner.host === hostname() && !processAlive(owner.pid);
}

export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM';
  }
}

/**
 * Moves a stale lock aside and removes it, but only if it is still the one judged stale: another
 * process may have taken it over and locked afresh in between; such a lock is put back.
 */
async function takeOver(path: string, judged: Owner | undefined): Promise<void> {
  const aside = `${path}.stale.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  const moved = await readOwner(aside);
  const same = judged === undefined ? moved === undefined || moved === 'gone' : moved !== 'gone' && moved?.token === judged.token;
  if (!same) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function releaseFile(dir: string, owner: Owner): Promise<void> {
  const path = join(dir, LOCK_FILE);
  const held = await readOwner(path);
  if (held !== 'gone' && held?.token === owner.token) await unlink(path).catch(() => undefined);
}

/** Temp and aside lock files left by processes that died between writing and linking them. */
async function sweepTemps(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = new RegExp(`^${LOCK_FILE.replace('.', '\\.')}\\.(?:stale\\.)?(\\d+)\\.[0-9a-f]+$`).exec(name);
    if (match && !processAlive(Number(match[1]))) await unlink(join(dir, name)).catch(() => undefined);
  }
}
