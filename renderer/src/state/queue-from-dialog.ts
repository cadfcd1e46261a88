import { messageOf } from '../lib/api';

/** A dialog that queues a transfer: busy while it starts, closed once queued, its error shown otherwise. */
export interface QueueingDialog {
  starting: boolean;
  error: string | null;
  /** The last transfer queued from the dialog (for tests and the status line). */
  startedId: string | null;
  close(): void;
}

/** Runs `queue` (the contract call that queues the transfer) for `dialog`; progress, cancel and retry are the transfer queue's from then on. */
export async function queueFromDialog(dialog: QueueingDialog, queue: () => Promise<{ transferId: string }>): Promise<void> {
  dialog.starting = true;
  dialog.error = null;
  try {
    const { transferId } = await queue();
    dialog.startedId = transferId;
    dialog.close();
  } catch (error) {
    dialog.error = messageOf(error);
  } finally {
    dialog.starting = false;
  }
}
