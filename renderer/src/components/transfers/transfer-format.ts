import type { TransferItemState, TransferState } from '../../../../shared/contract';
import { formatBytes } from '../../lib/format';

export function formatSpeed(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '';
}

/** "40 s left", "3 min left", "1 h 5 min left"; empty when unknown. */
export function formatTimeLeft(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s left`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min left`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** Whole percent, never 100 before the end. */
export function percent(bytes: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(bytes >= total ? 100 : 99, Math.floor((bytes / total) * 100));
}

export const TRANSFER_STATE_LABELS: Record<TransferState, string> = {
  queued: 'Waiting',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const ITEM_STATE_LABELS: Record<TransferItemState, string> = {
  waiting: 'waiting',
  running: 'sending',
  done: 'sent',
  exists: 'exists',
  mounted: 'mounted',
  skipped: 'skipped',
  failed: 'failed',
  cancelled: 'cancelled',
};
