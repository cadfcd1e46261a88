import type { Locator, Page } from '@playwright/test';

/** The download dialog: mode, folder field, the conflict question and the summary; role locators only. */
export class DownloadPage {
  readonly dialog: Locator;
  readonly mode: Locator;
  readonly folder: Locator;
  readonly createFolder: Locator;
  readonly start: Locator;
  readonly question: Locator;
  readonly summary: Locator;
  readonly openFolder: Locator;
  readonly close: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^Download / });
    this.mode = this.dialog.getByRole('combobox', { name: 'What to download' });
    // A text field with a list of suggestions: a combobox to assistive technology.
    this.folder = this.dialog.getByRole('combobox', { name: 'Folder' });
    this.createFolder = this.dialog.getByRole('button', { name: 'Create it' });
    this.start = this.dialog.getByRole('button', { name: 'Download', exact: true });
    this.question = page.getByRole('alertdialog');
    this.summary = this.dialog.getByRole('region', { name: 'Download progress' });
    this.openFolder = this.dialog.getByRole('button', { name: 'Open folder' });
    this.close = this.dialog.getByRole('button', { name: 'Close' });
  }

  /** The detail view's Download… button. */
  openFromDetails(): Promise<void> {
    return this.page.getByRole('main', { name: 'Catalog' }).getByRole('button', { name: 'Download…' }).click();
  }

  /** A tag row's small download button (mouse only; the row's list owns keyboard focus). */
  openFromRow(repository: string, tag: string): Promise<void> {
    return this.page.getByTitle(`Download ${repository}:${tag}…`).click();
  }

  folderState(): Locator {
    return this.dialog.getByRole('status').filter({ hasText: /folder/ });
  }
}
