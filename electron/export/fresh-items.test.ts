import { describe, expect, it } from 'vitest';
import type { TransferItemState } from '../../shared/contract/transfers';
import type { TransferContext, TransferItemHandle } from '../transfers/transfer-job';
import { forgetEarlierAttempts } from './fresh-items';

/** A context whose items all landed in an earlier attempt, recording what the job does to them. */
function landedContext(): { ctx: TransferContext; states: Map<string, TransferItemState> } {
  const states = new Map<string, TransferItemState>();
  const handle = (id: string): TransferItemHandle => ({
    get state() {
      return states.get(id) ?? 'done';
    },
    start: () => void states.set(id, 'running'),
    progress: () => undefined,
    finish: (state) => void states.set(id, state),
  });
  const ctx: TransferContext = { transferId: 't', signal: new AbortController().signal, attempt: 2, item: handle, addItem: (spec) => handle(spec.id) };
  return { ctx, states };
}

describe('a retried export forgets what earlier attempts landed', () => {
  it('items read as waiting until this attempt touches them, then as they really are', () => {
    const { ctx, states } = landedContext();
    const fresh = forgetEarlierAttempts(ctx);
    const item = fresh.item('blob-a');
    expect(ctx.item('blob-a').state).toBe('done');
    expect(item.state).toBe('waiting');
    item.start();
    expect(item.state).toBe('running');
    item.finish('exists');
    expect(fresh.item('blob-a').state).toBe('exists');
    expect(states.get('blob-a')).toBe('exists');
  });
});
