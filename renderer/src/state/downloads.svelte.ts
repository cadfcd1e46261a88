import type { ConflictAnswer, ConflictQuestion, DownloadChoices, DownloadMode, FolderCheck, TransferView } from '../../../shared/contract';
import { call, messageOf, on } from '../lib/api';
import { PathCheck } from './path-check.svelte';

export interface DownloadTarget {
  registryId: string;
  repository: string;
  reference: string;
}

/**
 * The download dialog: what can be downloaded (modes, platforms, files), the folder (checked as
 * it is typed in web mode, picked natively in Electron), then the transfer's progress, the
 * conflict question when a file is there already, and the summary. One dialog for the app.
 */
export class DownloadDialogState {
  target = $state.raw<DownloadTarget | null>(null);
  /** Which button opened it (the dialog renders beside that button). */
  owner = $state<string | null>(null);
  choices = $state.raw<DownloadChoices | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  mode = $state<DownloadMode>('files');
  platform = $state('');
  /** One file only (files mode); '' for all. */
  file = $state('');
  folder = $state('');
  /** What the host says about the folder. */
  readonly folderCheck = new PathCheck<FolderCheck>(
    (path) => call('downloads.checkFolder', { path }),
    (path, problem) => ({ path, exists: false, writable: false, problem }),
  );
  creating = $state(false);

  starting = $state(false);
  transferId = $state<string | null>(null);
  transfer = $state.raw<TransferView | null>(null);
  question = $state.raw<ConflictQuestion | null>(null);
  remember = $state(true);
  openProblem = $state<string | null>(null);

  /** Electron has a native folder picker; web mode types the path. */
  readonly nativePicker = typeof window !== 'undefined' && window.stevedore !== undefined;
  /** Electron can drag the downloaded files out of the window; a browser cannot. */
  readonly canDragOut = this.nativePicker;
  readonly finished = $derived(this.transfer !== null && ['done', 'failed', 'cancelled'].includes(this.transfer.state));
  get check(): FolderCheck | null {
    return this.folderCheck.result;
  }

  get checking(): boolean {
    return this.folderCheck.checking;
  }

  readonly canStart = $derived(!!this.choices && !!this.check?.exists && !!this.check.writable && !this.checking && !this.starting && this.transferId === null);

  private openSeq = 0;
  private stopListening: Array<() => void> = [];
  // Events that may beat the answer to downloads.start (the transfer id is not known yet).
  private early: Record<string, { question?: ConflictQuestion; view?: TransferView }> = {};

  async openFor(target: DownloadTarget, owner: string): Promise<void> {
    this.reset();
    this.target = target;
    this.owner = owner;
    this.listen();
    this.loading = true;
    const seq = ++this.openSeq;
    try {
      const choices = await call('downloads.choices', target);
      if (seq !== this.openSeq) return;
      this.choices = choices;
      this.mode = choices.defaultMode;
      this.platform = choices.platforms[0]?.digest ?? '';
      this.folder = choices.suggestedFolder;
      void this.checkNow();
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.loading = false;
    }
  }

  close(): void {
    this.openSeq += 1;
    this.target = null;
    this.owner = null;
    for (const stop of this.stopListening) stop();
    this.stopListening = [];
    this.folderCheck.stop();
  }

  /** The folder field changed: check it once typing pauses. */
  folderTyped(value: string): void {
    this.folder = value;
    this.folderCheck.typed(() => this.folder);
  }

  checkNow(): Promise<void> {
    return this.folderCheck.now(this.folder);
  }

  async createFolder(): Promise<void> {
    this.creating = true;
    try {
      this.folderCheck.set(await call('downloads.createFolder', { path: this.folder.trim() }));
    } catch (error) {
      this.folderCheck.set({ path: this.folder, exists: false, writable: false, problem: messageOf(error) });
    } finally {
      this.creating = false;
    }
  }

  async pickFolder(): Promise<void> {
    try {
      const picked = await call('downloads.pickFolder', {});
      if (picked) {
        this.folder = picked;
        await this.checkNow();
      }
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  async start(conflicts: 'ask' | ConflictAnswer = 'ask'): Promise<void> {
    if (!this.target || !this.choices) return;
    this.starting = true;
    this.error = null;
    try {
      const isImage = this.mode === 'oci-layout' || this.mode === 'rootfs';
      const { transferId } = await call('downloads.start', {
        ...this.target,
        mode: this.mode,
        folder: this.folder.trim(),
        conflicts,
        ...(isImage && this.platform ? { platform: this.platform } : {}),
        ...(this.mode === 'files' && this.file ? { file: this.file } : {}),
      });
      this.transferId = transferId;
      const early = this.early[transferId];
      if (early?.view) this.transfer = early.view;
      if (early?.question) this.question = early.question;
      this.early = {};
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.starting = false;
    }
  }

  async answer(answer: ConflictAnswer): Promise<void> {
    const question = this.question;
    if (!question) return;
    this.question = null;
    try {
      await call('downloads.answer', { transferId: question.transferId, answer, remember: this.remember });
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  async cancel(): Promise<void> {
    if (!this.transferId) return;
    this.question = null;
    await call('transfers.cancel', { id: this.transferId }).catch((error: unknown) => (this.error = messageOf(error)));
  }

  async openFolder(): Promise<void> {
    if (!this.transferId) return;
    this.openProblem = null;
    try {
      await call('downloads.openFolder', { transferId: this.transferId });
    } catch (error) {
      this.openProblem = messageOf(error);
    }
  }

  /** Called from `dragstart` (after preventDefault): the OS drag of the placed files starts in main. */
  async dragOut(): Promise<void> {
    if (!this.transferId || !this.canDragOut) return;
    this.openProblem = null;
    try {
      await call('downloads.dragOut', { transferId: this.transferId });
    } catch (error) {
      this.openProblem = messageOf(error);
    }
  }

  private listen(): void {
    if (this.stopListening.length > 0) return;
    this.stopListening.push(
      on('downloads.question', (question) => {
        if (question.transferId === this.transferId) this.question = question;
        else if (this.transferId === null) this.early[question.transferId] = { ...this.early[question.transferId], question };
      }),
      on('transfers.changed', (changed) => {
        for (const view of changed) {
          if (view.id === this.transferId) this.transfer = view;
          else if (this.transferId === null && view.kind === 'download') this.early[view.id] = { ...this.early[view.id], view };
        }
      }),
    );
  }

  private reset(): void {
    this.choices = null;
    this.error = null;
    this.folderCheck.set(null);
    this.file = '';
    this.transferId = null;
    this.transfer = null;
    this.question = null;
    this.openProblem = null;
    this.remember = true;
  }
}

export const downloads = new DownloadDialogState();
