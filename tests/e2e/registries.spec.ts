import { expect, test } from './fixtures';

test.describe('registries: the first slice', () => {
  test('from the empty state, adding the test registry shows it connected, and selecting it shows its (empty) catalog', async ({ app, emptyRegistry }) => {
    await expect(app.emptyState).toBeVisible();
    await app.addWithMouse(emptyRegistry.host);
    await expect(app.dialog).toBeHidden();
    await expect(app.status(emptyRegistry.host)).toContainText('connected');
    await expect(app.emptyState).toBeHidden();
    await app.selector(emptyRegistry.host).click();
    await expect(app.selector(emptyRegistry.host)).toHaveAttribute('aria-current', 'page');
    await expect(app.catalogHeading).toHaveText(emptyRegistry.host);
    await expect(app.catalog.getByRole('status')).toContainText('0 repositories');
    await expect(app.catalog).toContainText(`${emptyRegistry.host} has no repositories yet.`);
  });

  test('an htpasswd registry shows "login needed", with the reason on hover and for screen readers', async ({ app, loginRegistry }) => {
    await app.addWithMouse(loginRegistry.host, 'Team registry');
    await expect(app.status('Team registry')).toContainText('login needed');
    await expect(app.reason('Team registry')).toBeHidden();
    await app.status('Team registry').hover();
    await expect(app.reason('Team registry')).toBeVisible();
    await expect(app.reason('Team registry')).toContainText('asks for a login (Basic)');
    await expect(app.status('Team registry')).toHaveAccessibleDescription(/asks for a login/);
  });

  test('an address where nothing listens shows "unreachable" with the reason', async ({ app, deadAddress }) => {
    await app.addWithMouse(deadAddress);
    await expect(app.status(deadAddress)).toContainText('unreachable');
    await app.status(deadAddress).hover();
    await expect(app.reason(deadAddress)).toContainText(`Nothing is listening at ${deadAddress}`);
  });

  test('an invalid address shows the validation message next to the field and keeps the dialog open', async ({ app }) => {
    await app.addButton.click();
    await app.submitButton.click();
    await expect(app.fieldError).toContainText('Enter the registry address');
    await app.addressInput.fill('ftp://registry.example.com');
    await app.submitButton.click();
    await expect(app.fieldError).toContainText('not ftp');
    await expect(app.addressInput).toHaveAttribute('aria-invalid', 'true');
    await expect(app.addressInput).toHaveAccessibleDescription(/not ftp/);
    await expect(app.dialog).toBeVisible();
  });

  test('the whole slice works with the keyboard alone', async ({ app, page, openRegistry, loginRegistry, deadAddress }) => {
    const keys = page.keyboard;
    await app.tabTo(app.addButton);
    await keys.press('Enter');
    await expect(app.addressInput).toBeFocused();

    await keys.type('ftp://nope.example');
    await keys.press('Enter');
    await expect(app.fieldError).toContainText('not ftp');
    await expect(app.addressInput).toBeFocused();
    await keys.press('Escape');
    await expect(app.dialog).toBeHidden();

    for (const address of [openRegistry.host, loginRegistry.host, deadAddress]) {
      await app.tabTo(app.addButton);
      await keys.press('Enter');
      await expect(app.addressInput).toBeFocused();
      await keys.type(address);
      await keys.press('Enter');
      await expect(app.dialog).toBeHidden();
    }
    await expect(app.status(openRegistry.host)).toContainText('connected');
    await expect(app.status(loginRegistry.host)).toContainText('login needed');
    await expect(app.status(deadAddress)).toContainText('unreachable');

    await app.tabTo(app.status(loginRegistry.host));
    await expect(app.reason(loginRegistry.host)).toBeVisible();
    await expect(app.reason(loginRegistry.host)).toContainText('asks for a login');

    // The dialog keeps focus inside while open.
    await app.tabTo(app.addButton);
    await keys.press('Enter');
    for (let i = 0; i < 8; i += 1) {
      await keys.press('Tab');
      await expect(app.dialog.locator(':focus')).toHaveCount(1);
    }
    await keys.press('Escape');
    await expect(app.dialog).toBeHidden();
  });

  test('adding the first registry from the empty catalog leaves focus on the new registry, not the page', async ({ app, page, openRegistry }) => {
    const emptyStateAdd = page.getByRole('region', { name: 'No registries yet' }).getByRole('button', { name: 'Add registry' });
    await app.tabTo(emptyStateAdd);
    await page.keyboard.press('Enter');
    await expect(app.addressInput).toBeFocused();
    await page.keyboard.type(openRegistry.host);
    await page.keyboard.press('Enter');
    await expect(app.dialog).toBeHidden();
    await expect(emptyStateAdd).toHaveCount(0);
    await expect(app.sidebar.getByRole('listitem', { name: openRegistry.host }).getByRole('button').first()).toBeFocused();
  });

  test('Escape then Enter at once opens the Add dialog again, as often as a fast typist does it', async ({ app, page }) => {
    // The native dialog reports its close a frame after Escape; these keys come before that frame.
    const keys = page.keyboard;
    await app.tabTo(app.addButton);
    for (let i = 0; i < 5; i += 1) {
      await keys.press('Enter');
      await expect(app.addressInput).toBeFocused();
      await keys.press('Escape');
    }
    await expect(app.dialog).toBeHidden();
    await expect(app.addButton).toBeFocused();
  });
});
