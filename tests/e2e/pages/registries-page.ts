/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser, so they see DOM types.
import { expect, type Locator, type Page } from '@playwright/test';

const MAX_TABS = 40;

/** The main window: registry sidebar, add dialog, the catalog's heading; role locators only. */
export class RegistriesPage {
  readonly sidebar: Locator;
  readonly addButton: Locator;
  readonly emptyState: Locator;
  readonly dialog: Locator;
  readonly addressInput: Locator;
  readonly nameInput: Locator;
  readonly insecureCheckbox: Locator;
  readonly submitButton: Locator;
  readonly fieldError: Locator;
  readonly catalog: Locator;
  readonly allRegistries: Locator;
  readonly catalogHeading: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByRole('navigation', { name: 'Registries' });
    this.addButton = this.sidebar.getByRole('button', { name: 'Add registry' });
    this.emptyState = this.sidebar.getByRole('heading', { name: 'No registries yet' });
    this.dialog = page.getByRole('dialog', { name: 'Add registry' });
    this.addressInput = this.dialog.getByRole('textbox', { name: 'Address' });
    this.nameInput = this.dialog.getByRole('textbox', { name: /^Name/ });
    this.insecureCheckbox = this.dialog.getByRole('checkbox', { name: /Insecure/ });
    this.submitButton = this.dialog.getByRole('button', { name: 'Add', exact: true });
    this.fieldError = this.dialog.getByRole('alert');
    this.catalog = page.getByRole('main', { name: 'Catalog' });
    this.allRegistries = this.sidebar.getByRole('button', { name: 'All registries' });
    this.catalogHeading = this.catalog.getByRole('heading', { level: 1 });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page).toHaveURL(/\/$/);
    await expect(this.sidebar.getByRole('heading', { name: 'Registries', exact: true })).toBeVisible();
  }

  registry(name: string): Locator {
    return this.sidebar.getByRole('listitem', { name, exact: true });
  }

  /** The registry's name in the sidebar: pressing it shows the registry in the catalog. */
  selector(name: string): Locator {
    return this.registry(name).getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}(\\s|$)`) });
  }

  status(name: string): Locator {
    return this.registry(name).getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}: `) });
  }

  reason(name: string): Locator {
    return this.registry(name).getByRole('tooltip');
  }

  async addWithMouse(address: string, name?: string): Promise<void> {
    await this.addButton.click();
    await expect(this.dialog).toBeVisible();
    await this.addressInput.fill(address);
    if (name) await this.nameInput.fill(name);
    await this.submitButton.click();
  }

  /** Presses Tab until `target` has focus: the keyboard's way to reach a control. */
  async tabTo(target: Locator): Promise<void> {
    for (let i = 0; i < MAX_TABS; i += 1) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${target.toString()}`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
