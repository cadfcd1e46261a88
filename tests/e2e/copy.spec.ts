import { randomBytes } from 'node:crypto';
import { SeedHttp } from '../support/seed/registry-http';
import { expect, saveScreenshot, seedLocalImage, test } from './fixtures';
import { CatalogPage } from './pages/catalog-page';

const TEST_REGISTRY = 'Test registry';

/** The digest the registry serves for a tag, or undefined while it has none. */
async function servedDigest(host: string, repository: string, tag: string): Promise<string | undefined> {
  const http = new SeedHttp(host, 1);
  try {
    return (await http.getManifest(repository, tag)).digest;
  } catch {
    return undefined;
  } finally {
    await http.close();
  }
}

test.describe('copy / promote', () => {
  test('an artifact dragged from Local onto the test registry opens "Copy to…" filled in, and lands there with the same digest', async ({ app, page, webHost, openRegistry }, testInfo) => {
    const repository = `e2e/drag-${randomBytes(3).toString('hex')}`;
    const digest = await seedLocalImage(webHost.dataDir, repository, 'v1');
    await app.addWithMouse(openRegistry.host, TEST_REGISTRY);
    await expect(app.status(TEST_REGISTRY)).toContainText('connected');
    const catalog = new CatalogPage(page);
    await app.selector('Local').click();
    await catalog.refresh.click();
    await catalog.openRepository(repository);
    await expect(catalog.tag('v1')).toBeVisible();

    await catalog.tag('v1').dragTo(app.registry(TEST_REGISTRY));
    const dialog = page.getByRole('dialog', { name: `Copy ${repository}:v1` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('To registry')).toHaveValue(await app.registry(TEST_REGISTRY).getAttribute('data-registry-id') ?? '');
    await expect(dialog.getByLabel('Repository')).toHaveValue(repository);
    await expect(dialog.getByLabel('Tags')).toHaveValue('v1');
    await saveScreenshot(page, testInfo, 'copy-dialog.png');
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => servedDigest(openRegistry.host, repository, 'v1')).toBe(digest);
  });

  test('"Copy to…" from the detail view promotes under new tags; the same place is refused before sending', async ({ app, page, webHost, openRegistry }) => {
    const repository = `e2e/button-${randomBytes(3).toString('hex')}`;
    const digest = await seedLocalImage(webHost.dataDir, repository, 'v1');
    await app.addWithMouse(openRegistry.host, TEST_REGISTRY);
    const catalog = new CatalogPage(page);
    await app.selector('Local').click();
    await catalog.refresh.click();
    await catalog.openRepository(repository);
    await catalog.openTag('v1');
    await catalog.main.getByRole('button', { name: 'Copy to…' }).click();
    const dialog = page.getByRole('dialog', { name: `Copy ${repository}:v1` });
    await expect(dialog.getByText('That is where it is already')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Copy', exact: true })).toBeDisabled();
    await dialog.getByLabel('To registry').selectOption({ label: TEST_REGISTRY });
    await dialog.getByLabel('Repository').fill(`${repository}/prod`);
    await dialog.getByLabel('Tags').fill('1.0, stable');
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => servedDigest(openRegistry.host, `${repository}/prod`, 'stable')).toBe(digest);
    expect(await servedDigest(openRegistry.host, `${repository}/prod`, '1.0')).toBe(digest);
  });
});
