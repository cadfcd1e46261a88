import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const target = fileURLToPath(new URL('./screenshots/main-window.png', import.meta.url));

test('saves a screenshot of the main window with a few registries, for the README', async ({ app, page, openRegistry, loginRegistry, deadAddress }) => {
  await app.addWithMouse(openRegistry.host, 'Local registry');
  await expect(app.status('Local registry')).toContainText('connected');
  await app.addWithMouse(loginRegistry.host, 'Team registry');
  await expect(app.status('Team registry')).toContainText('login needed');
  await app.addWithMouse(deadAddress, 'Build cache');
  await expect(app.status('Build cache')).toContainText('unreachable');
  await page.mouse.move(900, 700);
  await expect(app.reason('Team registry')).toBeHidden();
  await page.screenshot({ path: target });
  expect((await import('node:fs')).statSync(target).size).toBeGreaterThan(10_000);
});
