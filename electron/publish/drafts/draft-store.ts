import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError, type PublishTarget } from '../../../shared/contract';
import type { Descriptor } from '../../oci/manifests/manifest-types';
import type { Detection, LocalEntry } from '../model';
import type { TarredFolder } from '../prepare/tar-folder';

/** One open publish panel: what was dropped, and what packing it produced so far. */
export interface Draft {
  id: string;
  entries: LocalEntry[];
  detected: Detection;
  target?: PublishTarget;
  /** `<dataDir>/publish-work/<id>`: packed folders and charts live here until the draft goes. */
  workDir: string;
  /** Packed folders and charts by what was packed (entry, prefix, form). */
  packed: Map<string, Promise<TarredFolder>>;
  /** Subjects (attach targets) resolved, by repository and digest. */
  subjects: Map<string, Promise<Descriptor>>;
  lastUsed: number;
  /** Transfers still using the work files. */
  inFlight: number;
  /** The last transfer failed: a retry may need the work files. */
  retryable: boolean;
  discarded: boolean;
}

export const DRAFT_IDLE_MS = 30 * 60_000;

/**
 * Drafts in memory by id, each until discarded or idle for 30 minutes; their work files go with
 * them. A draft discarded while its transfer runs keeps its files until that ends: at once when
 * it succeeded, else after the idle time-out, so a retry of the failed transfer still finds them.
 */
export class DraftStore {
  private readonly drafts = new Map<string, Draft>();
  /** Discarded drafts whose work files a transfer may still need. */
  private readonly orphans = new Map<string, Draft>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly workRoot: string,
    private readonly now: () => number = Date.now,
    private readonly idleMs = DRAFT_IDLE_MS,
  ) {
    this.timer = setInterval(() => void this.sweep(), Math.min(idleMs, 60_000));
    this.timer.unref();
  }

  create(entries: LocalEntry[], detected: Detection, target: PublishTarget | undefined): Draft {
    const id = `d${randomBytes(12).toString('hex')}`;
    const draft: Draft = { id, entries, detected, workDir: join(this.workRoot, id), packed: new Map(), subjects: new Map(), lastUsed: this.now(), inFlight: 0, retryable: false, discarded: false, ...(target ? { target } : {}) };
    this.drafts.set(id, draft);
    return draft;
  }

  get(id: string): Draft {
    const draft = this.drafts.get(id);
    if (!draft) throw new ContractError('not-found', 'This publish draft is gone (discarded or idle too long); drop the files again.');
    draft.lastUsed = this.now();
    return draft;
  }

  /** Forgets the draft; its work files go now, or when no transfer needs them any more. */
  async discard(id: string): Promise<void> {
    const draft = this.drafts.get(id);
    if (!draft) return;
    this.drafts.delete(id);
    draft.discarded = true;
    if (draft.inFlight === 0 && !draft.retryable) await this.removeWork(draft);
    else this.orphans.set(id, draft);
  }

  /** A transfer using the draft's work files ended; `succeeded`: they are not needed for a retry. */
  async transferEnded(draft: Draft, succeeded: boolean): Promise<void> {
    draft.inFlight = Math.max(0, draft.inFlight - 1);
    draft.lastUsed = this.now();
    draft.retryable = !succeeded;
    if (draft.inFlight === 0 && succeeded) {
      this.orphans.delete(draft.id);
      await this.removeWork(draft);
    }
  }

  async sweep(): Promise<void> {
    const cutoff = this.now() - this.idleMs;
    for (const draft of [...this.drafts.values()]) if (draft.lastUsed < cutoff && draft.inFlight === 0) await this.discard(draft.id);
    for (const draft of [...this.orphans.values()]) {
      if (draft.lastUsed < cutoff && draft.inFlight === 0) {
        this.orphans.delete(draft.id);
        await this.removeWork(draft);
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const id of [...this.drafts.keys()]) await this.discard(id);
    for (const draft of [...this.orphans.values()]) await this.removeWork(draft);
    this.orphans.clear();
  }

  private async removeWork(draft: Draft): Promise<void> {
    draft.packed.clear();
    await rm(draft.workDir, { recursive: true, force: true });
  }
}

/**
 * Work folders a previous run left behind (a crash, a quit while packing): drafts live in memory
 * only, so a folder nobody touched for a while belongs to no draft.
 */
export async function removeStaleWork(workRoot: string, olderThanMs: number, now: number = Date.now()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(workRoot).catch(() => [] as string[])) {
    const path = join(workRoot, name);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > olderThanMs) {
      await rm(path, { recursive: true, force: true });
      removed += 1;
    }
  }
  return removed;
}
