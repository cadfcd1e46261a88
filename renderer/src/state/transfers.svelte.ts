import type { TransferItemView, TransferView } from '../../../shared/contract';
import { call, messageOf, on, onReconnect } from '../lib/api';
import { mergeTransfers, noticesFor, type TransferNotice } from './transfer-list';

/**
 * Web mode: the browser → host upload of a drop, shown in the queue until its draft opens (the
 * transfer itself starts only when the user publishes).
 */
export class ClientUpload {
  readonly id = `upload-${Math.random().toString(36).slice(2, 10)}`;
  bytes = $state(0);
  state = $state<'running' | 'failed'>('running');
  error = $state<string | null>(null);

  constructor(
    readonly title: string,
    readonly totalBytes: number,
    readonly fileCount: number,
    readonly cancel: () => void,
  ) {}
}

const NOTICE_LIMIT = 5;

/**
 * The transfer queue as every page sees it: the main process's transfers (kept in step with
 * `transfers.changed` / `transfers.removed`), this page's uploads, and notices of finished publishes.
 * One instance for the app, started once by the shell, so it survives navigation.
 */
export class TransfersState {
  list = $state.raw<TransferView[]>([]);
  uploads = $state<ClientUpload[]>([]);
  notices = $state<TransferNotice[]>([]);
  /** The dock's list is shown (the header always is). */
  open = $state(false);
  loadError = $state<string | null>(null);
  /** A failed cancel/retry/dismiss, by transfer id. */
  problems = $state<Record<string, string>>({});
  /** Electron tells the OS when a publish is done; the page then shows only failures itself. */
  private osNotifies = false;

  readonly active = $derived(this.list.filter((t) => t.state === 'running' || t.state === 'queued').length + this.uploads.filter((u) => u.state === 'running').length);
  readonly count = $derived(this.list.length + this.uploads.length);

  private stopListening: Array<() => void> = [];

  start(): void {
    if (this.stopListening.length > 0) return;
    this.stopListening.push(
      on('transfers.changed', (changed) => this.apply(changed)),
      on('transfers.removed', (ids) => (this.list = this.list.filter((t) => !ids.includes(t.id)))),
      onReconnect(() => void this.load()),
    );
    void this.load();
    call('app.info', {}).then(
      (info) => (this.osNotifies = info.host === 'electron'),
      () => undefined,
    );
  }

  stop(): void {
    for (const stop of this.stopListening) stop();
    this.stopListening = [];
  }

  async load(): Promise<void> {
    try {
      this.list = await call('transfers.list', {});
      this.loadError = null;
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  apply(changed: TransferView[]): void {
    const fresh = noticesFor(this.list, changed);
    const arrived = changed.some((t) => !this.list.some((old) => old.id === t.id));
    this.list = mergeTransfers(this.list, changed);
    for (const notice of fresh) if (!notice.ok || !this.osNotifies) this.notify(notice);
    if (arrived) this.open = true;
  }

  /** A transfer just started from this page: shown at once, before its first event. */
  show(transferId: string): void {
    this.open = true;
    if (!this.list.some((t) => t.id === transferId)) void this.load();
  }

  addUpload(upload: ClientUpload): void {
    this.uploads = [upload, ...this.uploads];
    this.open = true;
  }

  removeUpload(upload: ClientUpload): void {
    this.uploads = this.uploads.filter((u) => u !== upload);
  }

  async cancel(id: string): Promise<void> {
    await this.act(id, () => call('transfers.cancel', { id }));
  }

  async retry(id: string): Promise<void> {
    await this.act(id, () => call('transfers.retry', { id }));
  }

  async dismiss(id: string): Promise<void> {
    await this.act(id, async () => {
      await call('transfers.dismiss', { id });
      this.list = this.list.filter((t) => t.id !== id);
    });
  }

  /** Every item of a transfer with more than the view's window of 50. */
  async allItems(id: string, total: number): Promise<TransferItemView[]> {
    const items: TransferItemView[] = [];
    while (items.length < total) {
      const page = await call('transfers.items', { id, offset: items.length, limit: 500 });
      items.push(...page.items);
      if (page.items.length === 0) break;
    }
    return items;
  }

  /** A notice from this page (a drop that could not be opened…). */
  notify(notice: TransferNotice): void {
    this.notices = [notice, ...this.notices].slice(0, NOTICE_LIMIT);
  }

  closeNotice(id: string): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  private async act(id: string, action: () => Promise<unknown>): Promise<void> {
    const { [id]: _old, ...rest } = this.problems;
    this.problems = rest;
    try {
      await action();
    } catch (error) {
      this.problems = { ...this.problems, [id]: messageOf(error) };
    }
  }
}

export const transfers = new TransfersState();
