import { randomUUID } from 'node:crypto';
import type { EventSink, Handlers } from '../../shared/contract';
import { ContractError, type ErrorPayload } from '../../shared/contract/errors';
import { createLogger, type Logger } from '../log/logger';
import type { TransferScheduler } from '../oci/scheduler/transfer-scheduler';
import { ChangeThrottle } from './change-throttle';
import type { TransferContext, TransferJob, TransferQueue } from './transfer-job';
import { TransferRecord } from './transfer-record';

export type TransferHandlers = Pick<Handlers, 'transfers.list' | 'transfers.items' | 'transfers.cancel' | 'transfers.retry' | 'transfers.dismiss'>;

export interface TransferServiceDeps {
  events: EventSink;
  /** The shared scheduler: jobs send their blobs through it, so per-host limits hold app-wide. */
  scheduler: TransferScheduler;
  /** Transfers running at once; the rest wait queued (default 2). */
  maxRunning?: number;
  /** Least time between two progress events of one transfer (default 250 ms). */
  changeIntervalMs?: number;
  now?: () => number;
  logger?: Logger;
}

export interface TransferService {
  queue: TransferQueue;
  handlers: TransferHandlers;
}

/**
 * The one transfer queue: publish, download and copy jobs run here, a few at a time, with their
 * progress, cancel and retry, and `transfers.changed` events a few times a second at most.
 */
export function createTransferService(deps: TransferServiceDeps): TransferService {
  const maxRunning = Math.max(1, deps.maxRunning ?? 2);
  const now = deps.now ?? Date.now;
  const log = deps.logger ?? createLogger('transfers');
  const records = new Map<string, TransferRecord>();
  const waiting: TransferRecord[] = [];
  let running = 0;

  const throttle = new ChangeThrottle<TransferRecord>((changed) => {
    const live = changed.filter((record) => records.has(record.id));
    if (live.length > 0) deps.events.emit('transfers.changed', live.map((record) => record.view()));
  }, deps.changeIntervalMs ?? 250);
  const onChange = (record: TransferRecord, urgent: boolean) => throttle.mark(record, urgent);

  const find = (id: string): TransferRecord => {
    const record = records.get(id);
    if (!record) throw new ContractError('not-found', 'That transfer is no longer in the list.');
    return record;
  };

  const pump = () => {
    while (running < maxRunning && waiting.length > 0) {
      const record = waiting.shift() as TransferRecord;
      running += 1;
      void execute(record).finally(() => {
        running -= 1;
        pump();
      });
    }
  };

  const execute = async (record: TransferRecord): Promise<void> => {
    const controller = record.begin();
    const ctx: TransferContext = {
      transferId: record.id,
      signal: controller.signal,
      attempt: record.attempt,
      item: (id) => {
        const spec = record.items.get(id);
        if (!spec) throw new ContractError('internal', `The transfer has no item ${id}.`);
        return record.handle(spec);
      },
      addItem: (spec) => record.handle(spec),
    };
    try {
      const result = await record.job.run(ctx);
      // A job that finished despite a late cancel did its work: it is done.
      record.end('done', { result });
    } catch (error) {
      if (controller.signal.aborted) {
        await cleanup(record);
        record.end('cancelled');
        return;
      }
      const payload = errorPayload(error, record, log);
      await cleanup(record);
      record.end('failed', { error: payload });
    }
  };

  const cleanup = async (record: TransferRecord) => {
    try {
      await record.job.cleanup?.();
    } catch (error) {
      log.error(`transfer ${record.id}: cleanup failed`, error);
    }
  };

  const queue: TransferQueue = {
    enqueue(job: TransferJob): string {
      const record = new TransferRecord(randomUUID(), job, now, onChange);
      records.set(record.id, record);
      waiting.push(record);
      throttle.mark(record, true);
      pump();
      return record.id;
    },
    settled: (id) => find(id).settled(),
    view: (id) => records.get(id)?.view(),
  };

  const handlers: TransferHandlers = {
    'transfers.list': async () => [...records.values()].reverse().map((record) => record.view()),
    'transfers.items': async ({ id, offset, limit }) => {
      const record = find(id);
      return { items: record.items.page(offset, limit), total: record.items.size };
    },
    'transfers.cancel': async ({ id }) => {
      const record = find(id);
      if (record.state === 'queued') {
        const at = waiting.indexOf(record);
        if (at >= 0) waiting.splice(at, 1);
        record.cancelling = true;
        await cleanup(record);
        record.end('cancelled');
      } else if (record.state === 'running' && !record.cancelling) {
        record.cancelling = true;
        record.controller?.abort(new DOMException('The transfer was cancelled.', 'AbortError'));
        throttle.mark(record, true);
      }
      return null;
    },
    'transfers.retry': async ({ id }) => {
      const record = find(id);
      if (record.state !== 'failed' && record.state !== 'cancelled') {
        throw new ContractError('invalid-input', 'Only a failed or cancelled transfer can be retried.');
      }
      record.requeue();
      waiting.push(record);
      pump();
      return null;
    },
    'transfers.dismiss': async ({ id }) => {
      const record = find(id);
      if (!record.finished) throw new ContractError('invalid-input', 'Cancel the transfer before removing it from the list.');
      records.delete(id);
      throttle.forget(record);
      deps.events.emit('transfers.removed', [id]);
      return null;
    },
  };

  return { queue, handlers };
}

/** A ContractError reaches the view as it is; anything else is logged and shown as an internal error. */
function errorPayload(error: unknown, record: TransferRecord, log: Logger): ErrorPayload {
  if (error instanceof ContractError) {
    log.warn(`transfer ${record.id} (${record.job.kind}) failed: ${error.code}: ${error.message}`);
    return error.toPayload();
  }
  log.error(`transfer ${record.id} (${record.job.kind}) failed unexpectedly`, error);
  return { code: 'internal', message: 'The transfer stopped on an unexpected error; the log has the details.' };
}
