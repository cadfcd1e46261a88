import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/contract';
import { queueFromDialog, type QueueingDialog } from './queue-from-dialog';

function dialog(): QueueingDialog & { closed: number; startingWhileQueued: boolean[] } {
  return { starting: false, error: 'an earlier error', startedId: null, closed: 0, startingWhileQueued: [], close() { this.closed += 1; } };
}

describe('queueFromDialog', () => {
  it('is starting while the call runs, then keeps the transfer id and closes the dialog', async () => {
    const d = dialog();
    await queueFromDialog(d, async () => {
      d.startingWhileQueued.push(d.starting);
      expect(d.error).toBeNull();
      return { transferId: 't-1' };
    });
    expect(d).toMatchObject({ starting: false, error: null, startedId: 't-1', closed: 1, startingWhileQueued: [true] });
  });

  it('shows why it could not queue (a contract error says; anything else points at the log) and stays open', async () => {
    const d = dialog();
    await queueFromDialog(d, async () => {
      throw new ContractError('denied', 'The destination is read-only.');
    });
    expect(d).toMatchObject({ starting: false, startedId: null, closed: 0, error: 'The destination is read-only.' });
    await queueFromDialog(d, async () => {
      throw new Error('socket hang up');
    });
    expect(d).toMatchObject({ starting: false, closed: 0, error: 'Something went wrong; the log has the details.' });
  });
});
