import type { ConflictAnswer, EventSink } from '../../shared/contract';
import { ContractError } from '../../shared/contract';

type Policy = 'ask' | ConflictAnswer;

interface Pending {
  resolve: (answer: ConflictAnswer) => void;
}

/**
 * Files already in the folder: a transfer with an answer up front uses it; otherwise it asks
 * (`downloads.question`) and waits for `downloads.answer`, remembering it for the rest of the
 * transfer when told to. A cancel ends the wait.
 */
export class ConflictBroker {
  private readonly remembered = new Map<string, ConflictAnswer>();
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly events: EventSink) {}

  /** `policy`: the answer given up front, or `ask`; an answer remembered for this transfer wins. */
  ask(name: string, ctx: { transferId: string; signal: AbortSignal }, policy: Policy): Promise<ConflictAnswer> {
    const known = this.remembered.get(ctx.transferId) ?? (policy === 'ask' ? undefined : policy);
    if (known !== undefined) return Promise.resolve(known);
    ctx.signal.throwIfAborted();
    return new Promise<ConflictAnswer>((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(ctx.transferId);
        reject(ctx.signal.reason instanceof Error ? ctx.signal.reason : new ContractError('cancelled', 'The download was cancelled.'));
      };
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(ctx.transferId, {
        resolve: (answer) => {
          ctx.signal.removeEventListener('abort', onAbort);
          resolve(answer);
        },
      });
      this.events.emit('downloads.question', { transferId: ctx.transferId, path: name });
    });
  }

  answer(transferId: string, answer: ConflictAnswer, remember: boolean): void {
    const pending = this.pending.get(transferId);
    if (!pending) throw new ContractError('not-found', 'That download is not waiting for an answer.');
    this.pending.delete(transferId);
    if (remember) this.remembered.set(transferId, answer);
    pending.resolve(answer);
  }

  /** Whether a transfer waits for an answer now (tests, the UI's state after a reload). */
  waiting(transferId: string): boolean {
    return this.pending.has(transferId);
  }
}
