import type { ExportFormat, ExportTargetCheck } from '../../../shared/contract';
import { call, messageOf } from '../lib/api';
import { PathCheck } from './path-check.svelte';
import { queueFromDialog } from './queue-from-dialog';

/** What an export starts from: an artifact (`reference`), or a whole repository (no reference). */
export interface ExportSource {
  registryId: string;
  repository: string;
  reference?: string;
}

/** The path with its archive extension swapped for the other format (`app.tar` ↔ `app`). */
export function pathForFormat(path: string, format: ExportFormat): string {
  const bare = path.replace(/\.tar$/i, '');
  return format === 'archive' ? `${bare}.tar` : bare;
}

/** What the dialog says the export will do with the path, or undefined until it is checked. */
export function actionText(check: ExportTargetCheck | null): string | undefined {
  if (!check || check.problem !== undefined) return undefined;
  if (check.action === 'create') return check.format === 'archive' ? 'A new archive file will be written.' : 'A new layout will be written in this folder.';
  if (check.action === 'add') return `This folder is an image layout with ${check.existingTags ?? 0} tag(s): the export is added, and what it holds stays.`;
  if (check.action === 'replace') return 'A file with this name exists.';
  return undefined;
}

/**
 * The "Export…" dialog, one for the app: opened from the detail view, a tag row's menu or a
 * repository's header. Starting queues an `export` transfer; its progress, cancel and retry are
 * the transfer queue's, and a notice names the file or folder when it is done.
 */
export class ExportDialogState {
  source = $state.raw<ExportSource | null>(null);
  /** Which mount point shows the dialog (a button, or a list for its rows' menu). */
  owner = $state<string | null>(null);
  format = $state<ExportFormat>('archive');
  path = $state('');
  referrers = $state(true);
  replace = $state(false);
  /** What the host says about the path for this format. */
  readonly targetCheck = new PathCheck<ExportTargetCheck>(
    (path) => call('exports.check', { path, format: this.format }),
    (path, problem) => ({ path, format: this.format, problem }),
  );
  starting = $state(false);
  error = $state<string | null>(null);
  /** The last export started from this dialog (for tests). */
  startedId = $state<string | null>(null);
  /** Electron has native dialogs; web mode types a path on the host. */
  readonly nativePicker = typeof window !== 'undefined' && window.stevedore !== undefined;

  get check(): ExportTargetCheck | null {
    return this.targetCheck.result;
  }

  get checking(): boolean {
    return this.targetCheck.checking;
  }

  readonly canStart = $derived(
    !!this.source && !!this.check && this.check.path !== '' && this.check.problem === undefined && !this.checking && !this.starting && (this.check.action !== 'replace' || this.replace),
  );

  private typed = false;
  private returnFocus: (() => void) | undefined;

  /** Opens the dialog for `source`; `returnTo` gets focus back when it closes (default: what had focus). */
  async openFor(source: ExportSource, owner: string, returnTo?: () => void): Promise<void> {
    const active = typeof document !== 'undefined' ? (document.activeElement as HTMLElement | null) : null;
    this.returnFocus = returnTo ?? (active && typeof active.focus === 'function' ? () => active.isConnected && active.focus() : undefined);
    this.source = source;
    this.owner = owner;
    this.format = 'archive';
    this.referrers = true;
    this.replace = false;
    this.error = null;
    this.targetCheck.set(null);
    this.typed = false;
    this.path = '';
    await this.suggest();
  }

  close(): void {
    this.targetCheck.stop();
    this.source = null;
    this.owner = null;
    this.error = null;
    const back = this.returnFocus;
    this.returnFocus = undefined;
    // The dialog leaves the page as it closes: focus goes back once it has.
    if (back) setTimeout(back, 0);
  }

  setFormat(format: ExportFormat): void {
    if (format === this.format) return;
    this.format = format;
    this.replace = false;
    if (!this.typed) void this.suggest();
    else this.pathTyped(pathForFormat(this.path, format));
  }

  pathTyped(value: string): void {
    this.typed = true;
    this.path = value;
    this.replace = false;
    this.targetCheck.typed(() => this.path);
  }

  checkNow(): Promise<void> {
    return this.targetCheck.now(this.path);
  }

  async pick(): Promise<void> {
    try {
      const picked = await call('exports.pick', { format: this.format, ...(this.path.trim() ? { path: this.path.trim() } : {}) });
      if (picked) {
        this.typed = true;
        this.path = picked;
        this.replace = false;
        await this.checkNow();
      }
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  async start(): Promise<void> {
    const source = this.source;
    const check = this.check;
    if (!source || !check || !this.canStart) return;
    const target = { format: this.format, path: check.path, ...(check.action === 'replace' ? { replace: this.replace } : {}) };
    await queueFromDialog(this, () => call('exports.start', { source, target, referrers: this.referrers }));
  }

  private async suggest(): Promise<void> {
    const source = this.source;
    if (!source) return;
    try {
      const { path } = await call('exports.suggest', { repository: source.repository, format: this.format, ...(source.reference !== undefined ? { reference: source.reference } : {}) });
      if (this.source !== source || this.typed) return;
      this.path = path;
      await this.checkNow();
    } catch (error) {
      this.error = messageOf(error);
    }
  }
}

export const exporting = new ExportDialogState();
