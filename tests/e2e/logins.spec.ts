import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, keyringTest, test } from './fixtures';
import { LoginsPage } from './pages/logins-page';

keyringTest.describe('logins with the real keychain', () => {
  keyringTest('wrong then right password, connected as alice, log out asks for a login again', async ({ page, webHost, loginRegistry }) => {
    const app = new LoginsPage(page);
    await app.open(webHost.url);
    const host = loginRegistry.host;
    await app.addWithMouse(host, 'Team');
    await expect(app.status('Team')).toContainText('login needed');

    await app.openLogin('Team');
    await expect(app.loginDialog).toContainText(`${host} wants the password set in the registry (htpasswd)`);
    await expect(app.loginDialog).not.toContainText('session only');
    await expect(app.secretInput).toHaveAttribute('type', 'password');
    await expect(app.secretInput).toHaveAttribute('autocomplete', 'off');

    await app.login('alice', 'not-the-password');
    await expect(app.loginError).toContainText(`${host} refused`);
    await expect(app.secretInput).toHaveValue('');
    await expect(app.loginDialog).toBeVisible();

    await app.secretInput.fill(loginRegistry.users.alice!);
    await app.loginButton.click();
    await expect(app.loginDialog).toBeHidden();
    await expect(app.status('Team')).toContainText('connected');
    await expect(app.status('Team')).toHaveAccessibleDescription(/connected as alice/);
    await expect(app.registry('Team')).toContainText('as alice');

    await (await app.action('Team', 'Log out alice')).click();
    await expect(app.status('Team')).toContainText('login needed');
    await expect(app.registry('Team')).not.toContainText('as alice');
  });

  keyringTest('the login flow works with the keyboard alone', async ({ page, webHost, loginRegistry }) => {
    const app = new LoginsPage(page);
    await app.open(webHost.url);
    const keys = page.keyboard;
    const host = loginRegistry.host;

    await app.tabTo(app.sidebar.getByRole('button', { name: 'Add registry' }));
    await keys.press('Enter');
    await expect(app.addressInput).toBeFocused();
    await keys.type(host);
    await keys.press('Enter');
    await expect(app.dialog).toBeHidden();
    await expect(app.status(host)).toContainText('login needed');

    await app.tabTo(app.actionsToggle(host));
    await keys.press('Enter');
    await app.tabTo(app.actions(host).getByRole('button', { name: 'Log in' }));
    await keys.press('Enter');
    await expect(app.usernameInput).toBeFocused();
    await keys.type('alice');
    await keys.press('Tab');
    await expect(app.secretInput).toBeFocused();
    await keys.type('wrong-password');
    await keys.press('Enter');
    await expect(app.loginError).toContainText('refused');
    await expect(app.secretInput).toBeFocused();
    await keys.type(loginRegistry.users.alice!);
    await keys.press('Enter');
    await expect(app.loginDialog).toBeHidden();
    await expect(app.status(host)).toContainText('connected');

    await app.tabTo(app.actions(host).getByRole('button', { name: 'Log out alice' }));
    await keys.press('Enter');
    await expect(app.status(host)).toContainText('login needed');
  });

  keyringTest('imports a login from a Docker config.json and connects with it', async ({ page, webHost, loginRegistry }) => {
    const host = loginRegistry.host;
    const auth = Buffer.from(`alice:${loginRegistry.users.alice!}`).toString('base64');
    await mkdir(join(webHost.home, '.docker'), { recursive: true });
    await writeFile(join(webHost.home, '.docker', 'config.json'), JSON.stringify({ auths: { [host]: { auth }, 'broken.example': { auth: '!!!' } } }));

    const app = new LoginsPage(page);
    await app.open(webHost.url);
    await app.importButton.click();
    await expect(app.importDialog).toBeVisible();
    const found = app.importDialog.getByRole('checkbox', { name: new RegExp(`alice at ${host.replace(/\./g, '\\.')}`) });
    await expect(found).toBeChecked();
    await expect(found).toHaveAccessibleName(/Docker/);
    await expect(app.importDialog.getByRole('heading', { name: 'Problems found' })).toBeVisible();
    await app.importDialog.getByRole('button', { name: 'Import 1 selected' }).click();
    await expect(app.importDialog.getByRole('status')).toContainText('Imported 1 login.');
    await app.importDialog.getByRole('button', { name: 'Close' }).click();
    await expect(app.status(host)).toContainText('connected');
    await expect(app.status(host)).toHaveAccessibleDescription(/connected as alice/);
  });
});

test.describe('logins without a keychain', () => {
  test('the login dialog says plainly that logins are session-only, and the login still works', async ({ page, webHost, loginRegistry }) => {
    const app = new LoginsPage(page);
    await app.open(webHost.url);
    await app.addWithMouse(loginRegistry.host, 'Team');
    await app.openLogin('Team');
    await expect(app.loginDialog.getByRole('note')).toContainText('This login will last for this session only');
    await expect(app.loginDialog.getByRole('note')).toContainText('GNOME Keyring');
    await app.login('alice', loginRegistry.users.alice!);
    await expect(app.loginDialog).toBeHidden();
    await expect(app.status('Team')).toHaveAccessibleDescription(/connected as alice/);
  });
});
