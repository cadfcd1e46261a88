import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, keyringTest } from './fixtures';
import { LoginsPage } from './pages/logins-page';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

keyringTest.describe('registry status without user action', () => {
  keyringTest(
    'a saved login shows "connected as alice" after a restart and after a page reload, without clicking anything',
    async ({ page, keyring, loginRegistry }) => {
      const env = { DBUS_SESSION_BUS_ADDRESS: keyring.env.DBUS_SESSION_BUS_ADDRESS!, XDG_RUNTIME_DIR: keyring.env.XDG_RUNTIME_DIR! };
      const home = await mkdtemp(join(tmpdir(), 'stevedore-e2e-status-'));
      let host: WebHostProcess | undefined;
      try {
        // The first run: the user adds the registry and logs in, then quits.
        host = await startWebHostProcess({ env, home });
        const app = new LoginsPage(page);
        await app.open(host.url);
        await app.addWithMouse(loginRegistry.host, 'Team');
        await expect(app.status('Team')).toContainText('login needed');
        await app.openLogin('Team');
        await app.login('alice', loginRegistry.users.alice!);
        await expect(app.loginDialog).toBeHidden();
        await expect(app.status('Team')).toHaveAccessibleDescription(/connected as alice/);
        await host.stop();
        host = undefined;

        // Started again over the same data folder and keychain: the check runs on its own.
        host = await startWebHostProcess({ env, home });
        await app.open(host.url);
        await expect(app.status('Team')).toContainText('connected');
        await expect(app.status('Team')).toHaveAccessibleDescription(/connected as alice/);
        await expect(app.status('Local')).toContainText('connected');

        await page.reload();
        await expect(app.status('Team')).toContainText('connected');
        await expect(app.status('Team')).toHaveAccessibleDescription(/connected as alice/);
        await expect(app.registry('Team')).toContainText('as alice');
      } finally {
        await host?.stop();
        await rm(home, { recursive: true, force: true });
      }
    },
  );
});
