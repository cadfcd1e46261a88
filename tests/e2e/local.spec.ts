import { randomBytes } from 'node:crypto';
import { openLocalStore } from '../../electron/store';
import { expect, test } from './fixtures';
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
    const repo = openLocalStore(webHost.dataDir).repository('e2e/app');
    const layer = await repo.blobs().push({ data: randomBytes(2048) });
    const config = await repo.blobs().push({ data: Buffer.from(JSON.stringify({ architecture: 'arm64', os: 'linux', rootfs: { type: 'layers', diff_ids: [layer.digest] } })) });
    const manifest = await repo.pushManifest(
      {
        schemaVersion: 2,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer.digest, size: layer.size }],
      },
      'v1',
    );
    const catalog = new CatalogPage(page);
    await app.selector('Local').click();
    await expect(app.catalogHeading).toHaveText('Local');
    await catalog.refresh.click();
    await expect(catalog.repository('e2e/app')).toBeVisible();
    await catalog.openRepository('e2e/app');
    await expect(catalog.tag('v1')).toBeVisible();
    await catalog.openTag('v1');
    const overview = catalog.main.getByRole('region', { name: 'Overview' });
    await expect(overview).toContainText(manifest.digest);
    await expect(overview).toContainText(`${webHost.dataDir}/local/e2e/app:v1`);
    await expect(catalog.main).toContainText('arm64');
  });
});
