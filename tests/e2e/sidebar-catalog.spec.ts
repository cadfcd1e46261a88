import { catalogTest as test, expect, SEEDED_NAME } from './fixtures';
import { LoginsPage } from './pages/logins-page';

test.describe('the sidebar drives the catalog', () => {
  test('pressing a registry shows it in the catalog; "All registries" and the header selector stay in step', async ({ app, catalogPage: catalog, deadAddress }) => {
    await app.addWithMouse(deadAddress, 'Offline');
    await expect(app.status('Offline')).toContainText('unreachable');
    await expect(app.allRegistries).toHaveAttribute('aria-current', 'page');

    await app.selector(SEEDED_NAME).click();
    await expect(app.selector(SEEDED_NAME)).toHaveAttribute('aria-current', 'page');
    await expect(app.allRegistries).not.toHaveAttribute('aria-current', /.*/);
    await expect(app.catalogHeading).toHaveText(SEEDED_NAME);
    await expect(catalog.scope.locator('option:checked')).toHaveText(SEEDED_NAME);
    await expect(catalog.main.getByRole('list', { name: 'Registries with problems' })).toBeHidden();
    await expect(catalog.repositories.getByRole('option').first()).toBeVisible();

    // The header's selector is the same state: choosing there moves the sidebar's mark.
    await catalog.scope.selectOption({ label: 'Offline' });
    await expect(app.selector('Offline')).toHaveAttribute('aria-current', 'page');
    await expect(app.selector(SEEDED_NAME)).not.toHaveAttribute('aria-current', /.*/);
    await expect(catalog.main).toContainText('Offline could not be listed');

    // Pressing a registry from inside a repository goes back to that registry's list.
    await app.allRegistries.click();
    const first = (await catalog.repositoryNames())[0] ?? '';
    await catalog.openRepository(first);
    await app.selector(SEEDED_NAME).click();
    await expect(catalog.search).toBeVisible();
    await expect(app.catalogHeading).toHaveText(SEEDED_NAME);
  });

  test('the keyboard alone moves between registries', async ({ app, page, catalogPage: catalog }) => {
    await app.tabTo(app.selector(SEEDED_NAME));
    await page.keyboard.press('Enter');
    await expect(app.selector(SEEDED_NAME)).toHaveAttribute('aria-current', 'page');
    await expect(app.catalogHeading).toHaveText(SEEDED_NAME);
    // Backwards past the built-in Local registry (its status, then its selector) to "All registries".
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(app.selector('Local')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(app.allRegistries).toBeFocused();
    await page.keyboard.press('Space');
    await expect(app.allRegistries).toHaveAttribute('aria-current', 'page');
    await expect(app.catalogHeading).toHaveText('All registries');
    await expect(catalog.repositories).toBeVisible();
  });

  test('a registry that asks for a login offers "Log in to …" in the catalog; after the login it lists', async ({ page, catalogPage: catalog, loginRegistry }) => {
    const app = new LoginsPage(page);
    await app.addWithMouse(loginRegistry.host, 'Team');
    await expect(app.status('Team')).toContainText('login needed');
    await app.selector('Team').click();
    const logIn = catalog.main.getByRole('button', { name: 'Log in to Team' });
    await expect(logIn).toBeVisible();
    await expect(catalog.main).toContainText('Team asks for a login before its repositories can be listed.');

    await logIn.click();
    await expect(app.loginDialog).toBeVisible();
    await expect(app.loginDialog).toHaveAccessibleName('Log in to Team');
    await app.login('alice', loginRegistry.users.alice!);
    await expect(app.loginDialog).toBeHidden();
    await expect(app.status('Team')).toContainText('connected');
    await expect(logIn).toBeHidden();
    await expect(catalog.main.getByRole('list', { name: 'Registries with problems' })).toBeHidden();
    await expect(catalog.main).toContainText('Team has no repositories yet.');
  });
});
