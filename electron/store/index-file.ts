import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError } from '../../shared/contract';
import type { LayoutContext } from './layout-context';
import { isMissing } from './layout-errors';
import { emptyIndex, readLayout, writeLayout } from './layout-files';
import type { Descriptor } from '../oci/manifests/manifest-types';
import { tagMap, type LayoutIndex } from './layout-index';
import { withLayoutLock } from './layout-lock';
import { INDEX_FILE } from './layout-paths';

/**
 * A repository's index.json: read without a lock (it is only ever replaced by rename, so a reader
 * sees the old or the new one) and kept while the file is unchanged; changed only under the layout
 * lock, re-read inside it, so two processes never write over each other's tags.
 */
export class IndexFile {
  private cached: { stamp: string; index: LayoutIndex; tags?: Map<string, Descriptor> } | undefined;
  /**
   * A stat and a load under way, shared by callers that ask meanwhile (a catalog resolving every
   * tag of a repository at once asked ~10 stats per tag); never across a write of this process
   * (`generation`), so a read that starts after update() returns always sees what it wrote.
   */
  private stamping: { generation: number; stamp: Promise<string | undefined> } | undefined;
  private loading: { generation: number; stamp: string; index: Promise<LayoutIndex> } | undefined;
  private generation = 0;

  constructor(private readonly context: LayoutContext) {}

  private notFound(): ContractError {
    return new ContractError('not-found', `The Local registry has no repository "${this.context.name}".`);
  }

  /** The current index; `not-found` when the repository has no layout. */
  async read(): Promise<LayoutIndex> {
    const generation = this.generation;
    const stamp = await this.currentStamp(generation);
    if (stamp !== undefined && this.cached?.stamp === stamp) return this.cached.index;
    if (stamp !== undefined && this.loading?.stamp === stamp && this.loading.generation === generation) return this.loading.index;
    const index = this.load();
    if (stamp !== undefined) {
      const loading = { generation, stamp, index };
      this.loading = loading;
      index.then(
        () => this.loading === loading && (this.loading = undefined),
        () => this.loading === loading && (this.loading = undefined),
      );
    }
    return index;
  }

  private async load(): Promise<LayoutIndex> {
    const state = await readLayout(this.context.dir, this.context.name);
    if (state.kind === 'absent' || !state.layoutFile) throw this.notFound();
    this.cached = { stamp: state.stamp, index: state.index };
    return state.index;
  }

  private currentStamp(generation: number): Promise<string | undefined> {
    if (this.stamping?.generation === generation) return this.stamping.stamp;
    const stamping = { generation, stamp: this.stamp() };
    this.stamping = stamping;
    const done = () => this.stamping === stamping && (this.stamping = undefined);
    stamping.stamp.then(done, done);
    return stamping.stamp;
  }

  /** Tag → descriptor of the current index, built once per version of the file. */
  async tags(): Promise<Map<string, Descriptor>> {
    const index = await this.read();
    const cached = this.cached;
    if (cached?.index !== index) return tagMap(index);
    cached.tags ??= tagMap(index);
    return cached.tags;
  }

  /** Whether the repository exists as a layout (damage still throws). */
  async exists(): Promise<boolean> {
    try {
      await this.read();
      return true;
    } catch (error) {
      if (error instanceof ContractError && error.code === 'not-found') return false;
      throw error;
    }
  }

  private async stamp(): Promise<string | undefined> {
    try {
      const info = await stat(join(this.context.dir, INDEX_FILE), { bigint: true });
      return `${info.ino}:${info.mtimeNs}:${info.size}`;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /**
   * Under the lock: reads the index afresh (creating the layout if there is none), lets `change`
   * work on it (it may check blobs), and writes what it returns unless it is the same object; then
   * runs `after` (garbage collection). A damaged layout throws before anything is written.
   */
  async update<T>(change: (index: LayoutIndex) => Promise<{ index: LayoutIndex; result: T; after?: (written: LayoutIndex) => Promise<void> }>, create = true): Promise<T> {
    if (!create && !(await this.exists())) throw this.notFound();
    await mkdir(this.context.dir, { recursive: true });
    return withLayoutLock(
      this.context.dir,
      async () => {
        const state = await readLayout(this.context.dir, this.context.name);
        if (state.kind === 'absent' && !create) throw this.notFound();
        const current = state.kind === 'layout' ? state.index : emptyIndex();
        const { index, result, after } = await change(current);
        if (index !== current || !state.layoutFile || state.kind === 'absent') await writeLayout(this.context.dir, index, state.layoutFile);
        this.cached = undefined;
        this.generation += 1;
        // Still under the lock, and only once the new index is on disk: removing blobs before it
        // would leave the old index naming them if the process died in between.
        await after?.(index);
        return result;
      },
      this.context.options.lock,
    );
  }
}
