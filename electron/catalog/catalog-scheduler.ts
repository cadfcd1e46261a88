import { TransferScheduler, type SchedulerLimits } from '../oci/scheduler/transfer-scheduler';

/** Limits for every registry request the app makes: the catalog now, push/pull/copy later. */
export const TRANSFER_LIMITS: SchedulerLimits = { maxConcurrent: 16, maxPerHost: 8 };

/** The one scheduler the main process shares; created once in createServices. */
export function createTransferScheduler(limits: SchedulerLimits = TRANSFER_LIMITS): TransferScheduler {
  return new TransferScheduler(limits);
}
