import { expect, seedLocalImage, test } from './fixtures';
import { CatalogPage } from './pages/catalog-page';

test.describe('the Local registry', () => {
  test('first start with no configuration shows Local first, connected, with its folder and no login', async ({ app, webHost }) => {
    const items = app.sidebar.getByRole('listitem');
    await expect(items.nth(1)).toHaveAccessibleName('Local');
    await expect(app.status('Local')).toContainText('connected');
    await expect(app.selector('Local')).toContainText(`${webHost.dataDir}/local`);
    await expect(app.registry('Local').getByRole('button', { name: 'Actions for Local' })).toHaveCount(0);
    await app.status('Local').hover();
    await expect(app.reason('Local')).toContainText('No login, no network');
    // Nothing added yet: the invitation to add a registry stays beside Local.
    await expect(app.emptyState).toBeVisible();
  });

  test('an artifact written into its folder is listed and classified after a refresh', async ({ app, page, webHost }) => {
    const digest = await seedLocalImage(webHost.dataDir, 'e2e/app', 'v1', 'arm64');
    const catalog = new CatalogPage(page);
    await app.selector('Local').click();
    await expect(app.catalogHeading).toHaveText('Local');
    await catalog.refresh.click();
    await expect(catalog.repository('e2e/app')).toBeVisible();
    await catalog.openRepository('e2e/app');
    await expect(catalog.tag('v1')).toBeVisible();
    await catalog.openTag('v1');
    const overview = catalog.main.getByRole('region', { name: 'Overview' });
    await expect(overview).toContainText(digest);
    await expect(overview).toContainText(`${webHost.dataDir}/local/e2e/app:v1`);
    await expect(catalog.main).toContainText('arm64');
  });
});
