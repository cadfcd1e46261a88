import { cp, rm, stat } from 'node:fs/promises';
import { makeTempDir, removeTempDir } from '../support/processes';
import { makeFixture, type Fixture } from '../integration/imports/fixtures';
import { expect, test } from './fixtures';
import { CatalogPage } from './pages/catalog-page';
import { PublishPage } from './pages/publish-page';

test.describe('Open OCI layout or archive…', () => {
  let dir: string;
  let fixture: Fixture;

  test.beforeAll(async () => {
    dir = await makeTempDir('e2e-open-layout');
    fixture = await makeFixture(dir);
  });
  test.afterAll(async () => {
    await removeTempDir(dir);
  });

  test('opens a layout folder skopeo wrote from the keyboard, lists its artifacts and kinds read-only, and removes it', async ({ app, page }) => {
    const open = app.sidebar.getByRole('button', { name: 'Open OCI layout or archive…' });
    await app.tabTo(open);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Open OCI layout or archive' });
    await expect(dialog).toBeVisible();
    const path = dialog.getByRole('textbox', { name: /^Path on/ });
    await expect(path).toBeFocused();

    await path.fill(`${dir}/nothing-here`);
    await expect(dialog.getByRole('status')).toContainText('There is no folder or file at');
    await path.fill(fixture.layout);
    await expect(dialog.getByRole('status')).toContainText('An OCI layout folder with 3 manifests in 1 repository. It opens read-only.');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();

    await expect(app.registry('skopeo-layout')).toBeVisible();
    await expect(app.selector('skopeo-layout')).toContainText(fixture.layout);
    await expect(app.status('skopeo-layout')).toContainText('connected');
    await expect(app.catalogHeading).toHaveText('skopeo-layout');

    const catalog = new CatalogPage(page);
    await expect(catalog.repository('skopeo-layout')).toBeVisible();
    await catalog.openRepository('skopeo-layout');
    await expect(catalog.tag('multi')).toContainText('Multi-platform image');
    await expect(catalog.tag('artifact')).toBeVisible();
    await catalog.openTag('multi');
    await expect(catalog.section('Overview')).toContainText(fixture.index.digest);
    await expect(catalog.main).toContainText('linux/arm64');
    // Read-only: the detail view offers download and copy, but nothing that would change it.
    await expect(catalog.main.getByRole('button', { name: /^Download/ })).toBeVisible();
    await expect(catalog.main.getByRole('button', { name: 'Retag…' })).toHaveCount(0);
    await expect(catalog.main.getByRole('button', { name: 'Delete…' })).toHaveCount(0);
    await expect(catalog.main.getByRole('button', { name: 'Attach…' })).toHaveCount(0);

    await app.registry('skopeo-layout').getByRole('button', { name: 'Actions for skopeo-layout' }).click();
    await expect(app.registry('skopeo-layout').getByRole('button', { name: 'Log in' })).toHaveCount(0);
    await app.registry('skopeo-layout').getByRole('button', { name: 'Remove…' }).click();
    await app.registry('skopeo-layout').getByRole('button', { name: 'Remove skopeo-layout from the list (the files stay)' }).click();
    await expect(app.registry('skopeo-layout')).toHaveCount(0);
    expect((await stat(`${fixture.layout}/index.json`)).isFile()).toBe(true);
  });

  test('opens an oci-archive by its path under a name of its own; a drop on it is refused as read-only; a missing file shows in its status', async ({ app, page }) => {
    const archive = `${dir}/e2e-copy.tar`;
    await cp(fixture.archive, archive);
    await app.sidebar.getByRole('button', { name: 'Open OCI layout or archive…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open OCI layout or archive' });
    await dialog.getByRole('textbox', { name: /^Path on/ }).fill(archive);
    await expect(dialog.getByRole('status')).toContainText('An oci-archive with 1 manifest in 1 repository.');
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('Nightly archive');
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(app.selector('Nightly archive')).toContainText(archive);

    const catalog = new CatalogPage(page);
    await catalog.openRepository('e2e-copy');
    await expect(catalog.tag('multi')).toContainText('Multi-platform image');
    await expect(catalog.main.getByRole('button', { name: 'Publish…' })).toHaveCount(0);

    const publisher = new PublishPage(page);
    await publisher.dropFiles(app.registry('Nightly archive'), [{ name: 'notes.txt', content: 'not here\n' }]);
    await expect(app.registry('Nightly archive').getByRole('alert')).toContainText('Nightly archive was opened read-only');
    await publisher.dropFiles(catalog.tag('multi').locator('.tag-row'), [{ name: 'sbom.spdx.json', content: '{}' }]);
    await expect(page.getByText('Nightly archive was opened read-only: nothing can be published into it.')).toBeVisible();
    await expect(page.getByRole('dialog', { name: /^Publish/ })).toHaveCount(0);

    await rm(archive);
    await app.status('Nightly archive').click();
    await expect(app.status('Nightly archive')).toContainText('error');
    await app.status('Nightly archive').hover();
    await expect(app.reason('Nightly archive')).toContainText('cannot be opened');
  });
});
