import { z } from 'zod';
import type { ErrorPayload } from './errors';
import { phantom } from './phantom';

/**
 * The transfer queue: every publish, download and copy runs as one transfer, visible from every
 * page, with progress per item (file, blob), cancel and retry.
 */
export type TransferKind = 'publish' | 'download' | 'copy' | 'export';

export type TransferState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/**
 * What happened to one item: `exists` (the destination already had it, nothing sent), `mounted`
 * (cross-repository mount, nothing sent), `skipped` (left out on purpose; `note` says why).
 */
export type TransferItemState = 'waiting' | 'running' | 'done' | 'exists' | 'mounted' | 'skipped' | 'failed' | 'cancelled';

export interface TransferItemView {
  /** Stable within its transfer. */
  id: string;
  /** A file name, a folder, `config`, `manifest`, or a short digest. */
  name: string;
  digest?: string;
  size: number;
  bytes: number;
  state: TransferItemState;
  /** Why skipped or failed, or where it was mounted from. */
  note?: string;
}

export interface TransferResult {
  registryId?: string;
  repository?: string;
  /** The artifact's manifest digest. */
  digest?: string;
  mediaType?: string;
  /** `host/repository@digest`, ready to copy. */
  reference?: string;
  tags?: string[];
  /** Downloads: the folder the files were written to. */
  folder?: string;
  /** Downloads: the names placed at the top of the folder (what `downloads.dragOut` drags). */
  placed?: string[];
  /** Lines for the end-of-transfer summary (files written, skipped and why…). */
  summary?: string[];
}

export interface TransferView {
  id: string;
  kind: TransferKind;
  /** e.g. "Publish 3 files to 127.0.0.1:5000/docs:v1". */
  title: string;
  registryId?: string;
  repository?: string;
  state: TransferState;
  bytes: number;
  totalBytes: number;
  /** Smoothed over the last few seconds; 0 when idle. */
  bytesPerSecond: number;
  secondsLeft?: number;
  createdAt: string;
  finishedAt?: string;
  itemCount: number;
  /** Items per state, all of them (`items` below is only a window). */
  counts: Partial<Record<TransferItemState, number>>;
  /** At most 50: running first, then failed, then the rest in order. `transfers.items` pages through all. */
  items: TransferItemView[];
  result?: TransferResult;
  error?: ErrorPayload;
  canCancel: boolean;
  /** Failed or cancelled and can be run again; what already landed is not sent again. */
  canRetry: boolean;
}

const transferId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a transfer id');
const TransferRef = z.object({ id: transferId }).strict();

export const transferCalls = {
  /** Every transfer of this run, newest first. */
  'transfers.list': { input: z.object({}).strict(), output: phantom<TransferView[]>() },
  'transfers.items': {
    input: z.object({ id: transferId, offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }).strict(),
    output: phantom<{ items: TransferItemView[]; total: number }>(),
  },
  'transfers.cancel': { input: TransferRef, output: phantom<null>() },
  'transfers.retry': { input: TransferRef, output: phantom<null>() },
  /** Removes a finished transfer from the list. */
  'transfers.dismiss': { input: TransferRef, output: phantom<null>() },
} as const;

export const transferEvents = {
  /** Transfers that changed (state, progress), at most a few times a second each. */
  'transfers.changed': phantom<TransferView[]>(),
  /** Ids of transfers dismissed. */
  'transfers.removed': phantom<string[]>(),
} as const;
