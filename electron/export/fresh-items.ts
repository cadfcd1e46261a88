import type { TransferItemState } from '../../shared/contract/transfers';
import type { TransferContext, TransferItemHandle } from '../transfers/transfer-job';

/**
 * The transfer's context with what earlier attempts landed forgotten. A failed or cancelled export
 * takes away everything it wrote, so on a retry nothing is where an earlier attempt put it: every
 * item runs again (a blob the target had all along still shows as `exists`).
 */
export function forgetEarlierAttempts(ctx: TransferContext): TransferContext {
  const touched = new Set<string>();
  const wrap = (id: string, handle: TransferItemHandle): TransferItemHandle => ({
    get state(): TransferItemState {
      return touched.has(id) ? handle.state : 'waiting';
    },
    start: () => {
      touched.add(id);
      handle.start();
    },
    progress: (bytes) => handle.progress(bytes),
    finish: (state, note) => {
      touched.add(id);
      handle.finish(state, note);
    },
  });
  return {
    transferId: ctx.transferId,
    signal: ctx.signal,
    attempt: ctx.attempt,
    item: (id) => wrap(id, ctx.item(id)),
    addItem: (spec) => wrap(spec.id, ctx.addItem(spec)),
  };
}
