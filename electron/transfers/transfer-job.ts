import type { TransferItemState, TransferKind, TransferResult, TransferView } from '../../shared/contract/transfers';

/**
 * What a publish, download or copy hands the transfer queue. The queue owns ids, state, progress,
 * speed, cancel, retry and the events; a job only does the work and reports on its items.
 */
export interface TransferJob {
  kind: TransferKind;
  title: string;
  registryId?: string;
  repository?: string;
  /** The items known up front (files, blobs); a job may add more as it learns them. */
  items: TransferItemSpec[];
  /**
   * Does the work. Called again by retry with `attempt` + 1: it must skip what already landed
   * (a blob the destination has, a file already verified) rather than send it again.
   * Throw a ContractError to fail with its message; an abort of `ctx.signal` is a cancel.
   */
  run(ctx: TransferContext): Promise<TransferResult>;
  /** After a cancel or failure: remove what must not stay (upload sessions, temp files). */
  cleanup?(): Promise<void>;
}

export interface TransferItemSpec {
  id: string;
  name: string;
  size: number;
  digest?: string;
}

export interface TransferContext {
  readonly transferId: string;
  readonly signal: AbortSignal;
  /** 1 on the first run, then 2, 3… on retries. */
  readonly attempt: number;
  item(id: string): TransferItemHandle;
  addItem(spec: TransferItemSpec): TransferItemHandle;
}

export interface TransferItemHandle {
  /** Where the item stands; on a retry, items that landed before keep `done`/`exists`/`mounted`. */
  readonly state: TransferItemState;
  start(): void;
  /** Bytes done so far for this item (absolute, not a delta). */
  progress(bytes: number): void;
  finish(state: Exclude<TransferItemState, 'waiting' | 'running'>, note?: string): void;
}

/** The queue as jobs' owners (publish, download, copy) see it. */
export interface TransferQueue {
  /** Queues the job and returns its transfer id at once; the work starts when the queue has room. */
  enqueue(job: TransferJob): string;
  /** Resolves when the transfer ends (done, failed or cancelled), with its final result or error. */
  settled(transferId: string): Promise<void>;
  /** The transfer as the renderer sees it (items windowed), or undefined once dismissed. */
  view(transferId: string): TransferView | undefined;
}
