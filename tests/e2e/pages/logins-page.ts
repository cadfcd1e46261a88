/// <reference lib="dom" />
import { expect, type Locator, type Page } from '@playwright/test';
import { RegistriesPage } from './registries-page';

/** Registries with logins: per-registry actions, the login, edit and import dialogs; role locators only. */
export class LoginsPage extends RegistriesPage {
  readonly loginDialog: Locator;
  readonly usernameInput: Locator;
  readonly secretInput: Locator;
  readonly loginButton: Locator;
  readonly loginError: Locator;
  readonly importButton: Locator;
  readonly importDialog: Locator;

  constructor(page: Page) {
    super(page);
    this.loginDialog = page.getByRole('dialog', { name: /^Log in to / });
    this.usernameInput = this.loginDialog.getByRole('textbox', { name: 'User name' });
    // A password field has no textbox role; its label still names it.
    this.secretInput = this.loginDialog.getByLabel('Password or token');
    this.loginButton = this.loginDialog.getByRole('button', { name: 'Log in', exact: true });
    this.loginError = this.loginDialog.getByRole('alert');
    this.importButton = this.sidebar.getByRole('button', { name: 'Import logins…' });
    this.importDialog = page.getByRole('dialog', { name: 'Import logins' });
  }

  actionsToggle(name: string): Locator {
    return this.registry(name).getByRole('button', { name: `Actions for ${name}` });
  }

  actions(name: string): Locator {
    return this.registry(name).getByRole('group', { name: `Actions for ${name}` });
  }

  /** Opens the registry's actions if they are closed and returns the named action button. */
  async action(name: string, action: string | RegExp): Promise<Locator> {
    if ((await this.actionsToggle(name).getAttribute('aria-expanded')) !== 'true') await this.actionsToggle(name).click();
    const button = this.actions(name).getByRole('button', { name: action });
    await expect(button).toBeVisible();
    return button;
  }

  async openLogin(name: string): Promise<void> {
    await (await this.action(name, /^Log in/)).click();
    await expect(this.loginDialog).toBeVisible();
  }

  async login(username: string, secret: string): Promise<void> {
    await this.usernameInput.fill(username);
    await this.secretInput.fill(secret);
    await this.loginButton.click();
  }
}
