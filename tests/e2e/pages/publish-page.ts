/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, so they see DOM types.
import { expect, type Locator, type Page } from '@playwright/test';

/** A file to drop: its path inside the drop (`site/css/main.css`) and its bytes. */
export interface DropFile {
  name: string;
  content: string | Uint8Array;
  type?: string;
}

/** The publish panel, the drop targets, the pickers and the transfer queue; role locators only. */
export class PublishPage {
  readonly panel: Locator;
  readonly repository: Locator;
  readonly tags: Locator;
  readonly kind: Locator;
  readonly publishButton: Locator;
  readonly digest: Locator;
  readonly manifest: Locator;
  readonly dock: Locator;
  readonly notices: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('dialog', { name: /^Publish/ });
    this.repository = this.panel.getByRole('textbox', { name: 'Repository' });
    this.tags = this.panel.getByRole('textbox', { name: 'Tags' });
    this.kind = this.panel.getByRole('combobox', { name: 'Publish as' });
    this.publishButton = this.panel.getByRole('button', { name: 'Publish', exact: true });
    this.digest = this.panel.getByTestId('preview-digest').locator('code');
    this.manifest = this.panel.getByTestId('preview-manifest');
    this.dock = page.getByRole('region', { name: 'Transfers' });
    this.notices = page.locator('.notices');
  }

  /**
   * Drops files on `target` the way a browser does: dragenter, dragover and drop carrying a
   * DataTransfer with real File objects (plain Chromium gives them no OS path, so web mode uploads them).
   */
  async dropFiles(target: Locator, files: DropFile[]): Promise<void> {
    const payload = files.map((f) => ({ name: f.name, type: f.type ?? '', bytes: Array.from(typeof f.content === 'string' ? new TextEncoder().encode(f.content) : f.content) }));
    const dataTransfer = await this.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      return dt;
    }, payload);
    for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
  }

  /**
   * Drops real files and folders from disk through Chromium's own drag machinery (DevTools
   * `Input.dispatchDragEvent`): folders arrive as real directory entries, empty folders included,
   * exactly as a drag from the file manager does.
   */
  async dropPaths(target: Locator, paths: string[]): Promise<void> {
    const box = await target.boundingBox();
    if (!box) throw new Error('The drop target is not on screen.');
    const x = box.x + box.width / 2;
    const y = box.y + Math.min(box.height / 2, 20);
    const cdp = await this.page.context().newCDPSession(this.page);
    const data = { items: [], files: paths, dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, x, y, data });
    await cdp.detach();
  }

  /** The toolbar's (or a view's) "Publish…" menu, then a picker: files or a folder from disk. */
  async pick(scope: Locator, mode: 'files' | 'folder', paths: string | string[]): Promise<void> {
    await scope.getByRole('button', { name: /^(Publish|Attach)…$/ }).click();
    const chooser = this.page.waitForEvent('filechooser');
    await scope.getByRole('menuitem', { name: mode === 'files' ? 'Files…' : 'Folder…' }).click();
    await (await chooser).setFiles(paths);
  }

  async setKind(label: RegExp | string): Promise<void> {
    await this.kind.selectOption({ label: typeof label === 'string' ? label : await this.optionMatching(label) });
  }

  private async optionMatching(label: RegExp): Promise<string> {
    const options = await this.kind.locator('option').allTextContents();
    const found = options.find((o) => label.test(o));
    if (!found) throw new Error(`No kind matches ${String(label)}: ${options.join(', ')}`);
    return found;
  }

  /** The preview's digest once it settles (no update pending). */
  async previewDigest(): Promise<string> {
    await expect(this.panel.getByRole('status').filter({ hasText: /Updating|Preparing/ })).toHaveCount(0);
    await expect(this.digest).toHaveText(/^sha256:[a-f0-9]{64}$/);
    return (await this.digest.textContent()) ?? '';
  }

  /** Publishes and waits for the queue to say it is done; returns the transfer's card. */
  async publish(): Promise<Locator> {
    await expect(this.publishButton).toBeEnabled();
    await this.publishButton.click();
    await expect(this.panel).toBeHidden();
    const card = this.dock.getByRole('article').first();
    await expect(card).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    return card;
  }
}
