import { catalogTest as test, expect, saveScreenshot, SEEDED_NAME } from './fixtures';

test('saves a screenshot of the main window for the README: a seeded registry selected, one asking for a login, one unreachable', async ({ app, catalogPage: catalog, page, loginRegistry, deadAddress }, testInfo) => {
  await app.addWithMouse(loginRegistry.host, 'Team registry');
  await expect(app.status('Team registry')).toContainText('login needed');
  await app.addWithMouse(deadAddress, 'Build cache');
  await expect(app.status('Build cache')).toContainText('unreachable');
  await app.selector(SEEDED_NAME).click();
  await expect(app.catalogHeading).toHaveText(SEEDED_NAME);
  await expect(catalog.repositories.getByRole('option').first()).toBeVisible();
  await expect(catalog.repositories.getByText('classifying…')).toHaveCount(0);
  await page.mouse.move(900, 780);
  await expect(app.reason('Team registry')).toBeHidden();
  await saveScreenshot(page, testInfo, 'main-window.png');
});
