import type { PublishDraft, PublishPreview, PublishSource, PublishTarget } from '../../../shared/contract';
import { ContractError } from '../../../shared/contract/errors';
import { call, messageOf, pathForFile } from '../lib/api';
import { BrowserUpload, collectDrop, collectPicked, type UploadSet } from '../lib/uploads';
import { targetInView } from './publish-target';
import { registries } from './registries.svelte';
import { buildOptions, initialForm, type PublishForm } from './publish-options';
import { ClientUpload, transfers } from './transfers.svelte';

const PREVIEW_DELAY_MS = 200;

/** One open draft in the panel: the form, its live preview, and Publish. */
export class PublishSession {
  form = $state() as PublishForm;
  preview = $state.raw<PublishPreview | null>(null);
  previewError = $state<string | null>(null);
  previewing = $state(false);
  starting = $state(false);
  startError = $state<string | null>(null);
  /** Set once `publish.start` accepted it: the draft then belongs to the transfer. */
  transferId = $state<string | null>(null);

  readonly built = $derived.by(() => buildOptions(this.draft, this.form, this.target?.subject));
  readonly canPublish = $derived(this.built.options !== undefined && this.preview !== null && this.preview.problems.length === 0 && !this.previewing && !this.starting);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;

  constructor(
    readonly draft: PublishDraft,
    readonly target: PublishTarget | undefined,
    fallbackRegistryId: string,
  ) {
    this.form = initialForm(draft, target, fallbackRegistryId);
  }

  /** Asks for a preview of the options as they are once typing pauses; older answers are dropped. */
  schedulePreview(): void {
    const options = this.built.options;
    clearTimeout(this.timer);
    const ticket = ++this.asked;
    if (!options) {
      this.previewing = false;
      return;
    }
    this.previewing = true;
    this.timer = setTimeout(() => {
      call('publish.preview', $state.snapshot(options))
        .then((preview) => {
          if (ticket !== this.asked) return;
          this.preview = preview;
          this.previewError = null;
        })
        .catch((error: unknown) => {
          if (ticket !== this.asked) return;
          this.preview = null;
          this.previewError = messageOf(error);
        })
        .finally(() => {
          if (ticket === this.asked) this.previewing = false;
        });
    }, PREVIEW_DELAY_MS);
  }

  async publish(): Promise<string | null> {
    const options = this.built.options;
    if (!options || this.starting) return null;
    this.starting = true;
    this.startError = null;
    try {
      const { transferId } = await call('publish.start', $state.snapshot(options));
      this.transferId = transferId;
      transfers.show(transferId);
      return transferId;
    } catch (error) {
      this.startError = messageOf(error);
      return null;
    } finally {
      this.starting = false;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.asked += 1;
    if (!this.transferId) void call('publish.discard', { draftId: this.draft.draftId }).catch(() => undefined);
  }
}

/**
 * Where publishing starts: drops (Electron: paths; web: an upload to staging first), pickers,
 * and the one panel they open. A failure to open shows as a notice in the queue.
 */
export class PublishState {
  session = $state<PublishSession | null>(null);
  opening = $state(false);
  /** Electron: the native pickers (`publish.pick`); web mode uses the page's file inputs. */
  nativePickers = $state(false);

  async start(): Promise<void> {
    try {
      this.nativePickers = (await call('app.info', {})).capabilities.nativeFolderPicker;
    } catch {
      this.nativePickers = false;
    }
  }

  /** Reads a drop at once (its DataTransfer dies with the event), then opens the panel. */
  fromDrop(dataTransfer: DataTransfer, target?: PublishTarget): Promise<void> {
    if (target && !registries.isWritable(target.registryId)) {
      const name = registries.items.find((r) => r.id === target.registryId)?.name ?? 'That registry';
      return this.fail(new ContractError('denied', `${name} was opened read-only: nothing can be published into it. Publish to Local or a registry instead.`));
    }
    const files = Array.from(dataTransfer.files);
    const paths = files.map((file) => pathForFile(file));
    if (files.length > 0 && paths.every((p) => p !== undefined)) {
      return this.open(paths.map((path) => ({ type: 'path', path })), target);
    }
    if (dataTransfer.items.length === 0 && files.length === 0) return this.fail(new ContractError('invalid-input', 'Nothing to publish: drop files or folders.'));
    return collectDrop(dataTransfer).then(
      (set) => this.uploadThenOpen(set, target),
      (error: unknown) => this.fail(error),
    );
  }

  /** Web mode's pickers: `<input type=file multiple>` and the folder input. */
  async fromFiles(files: readonly File[], target?: PublishTarget): Promise<void> {
    try {
      await this.uploadThenOpen(collectPicked(files), target);
    } catch (error) {
      await this.fail(error);
    }
  }

  /** Electron's native picker. */
  async pick(mode: 'files' | 'folder', target?: PublishTarget): Promise<void> {
    try {
      const sources = await call('publish.pick', { mode });
      if (sources.length > 0) await this.open(sources, target);
    } catch (error) {
      await this.fail(error);
    }
  }

  async open(sources: PublishSource[], target?: PublishTarget): Promise<void> {
    if (sources.length === 0) return this.fail(new ContractError('invalid-input', 'Nothing to publish: drop files or folders.'));
    this.opening = true;
    try {
      const registryId = target?.registryId ?? targetInView()?.registryId;
      if (!registryId) throw new ContractError('invalid-input', 'Add a registry first: publishing needs somewhere to go.');
      const draft = await call('publish.open', { sources, target: target ? $state.snapshot(target) : { registryId } });
      this.session?.dispose();
      this.session = new PublishSession(draft, target, registryId);
    } catch (error) {
      await this.fail(error);
    } finally {
      this.opening = false;
    }
  }

  close(): void {
    this.session?.dispose();
    this.session = null;
  }

  private async uploadThenOpen(set: UploadSet, target?: PublishTarget): Promise<void> {
    if (set.files.length === 0 && set.emptyFolders.length === 0) throw new ContractError('invalid-input', 'Nothing to publish: drop files or folders.');
    const title = set.files.length === 1 && set.emptyFolders.length === 0 ? set.files[0]?.path ?? 'file' : `${set.files.length} files`;
    const row = new ClientUpload(`Upload ${title} to Stevedore`, set.bytes, set.files.length, () => upload.cancel());
    const upload = new BrowserUpload(set, (bytes) => (row.bytes = bytes));
    transfers.addUpload(row);
    try {
      const staged = await upload.run();
      transfers.removeUpload(row);
      await this.open(staged.map((s) => ({ type: 'staged', id: s.id })), target);
    } catch (error) {
      if (error instanceof ContractError && error.code === 'cancelled') transfers.removeUpload(row);
      else {
        row.state = 'failed';
        row.error = messageOf(error);
      }
    }
  }

  private fail(error: unknown): Promise<void> {
    transfers.notify({ id: `open-${Date.now()}`, ok: false, title: 'Could not open these files for publishing', message: messageOf(error) });
    return Promise.resolve();
  }
}

export const publish = new PublishState();
