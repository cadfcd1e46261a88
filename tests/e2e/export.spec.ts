import { createHash, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../support/processes';
import { expect, saveScreenshot, seedLocalImage, test } from './fixtures';
import { CatalogPage } from './pages/catalog-page';

/** Two tagged images written straight into Local's folder, as another tool would; tag → manifest digest. */
async function seedLocal(dataDir: string, repository: string): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for (const tag of ['v1', 'v2']) digests.set(tag, await seedLocalImage(dataDir, repository, tag));
  return digests;
}

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

test.describe('export', () => {
  test('a repository exported to a tarball from its header holds every tag with its digest (skopeo reads it); opened with Open OCI layout or archive…, it shows the same tags and digests', async ({ app, page, webHost }, testInfo) => {
    const name = `app${randomBytes(3).toString('hex')}`;
    const repository = `e2e/${name}`;
    const digests = await seedLocal(webHost.dataDir, repository);
    const out = join(webHost.dataDir, 'exports');
    await mkdir(out, { recursive: true });
    const file = join(out, `${name}.tar`);

    const catalog = new CatalogPage(page);
    await app.selector('Local').click();
    await catalog.refresh.click();
    await catalog.openRepository(repository);
    const opener = catalog.main.getByRole('button', { name: 'Export repository…' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: `Export repository ${repository}` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('radio', { name: /An archive file/ })).toBeChecked();
    const path = dialog.getByRole('textbox', { name: 'Archive file' });
    await expect(path).toBeFocused();
    await expect(path).toHaveValue(new RegExp(`${name}\\.tar$`));
    await path.fill(file);
    await expect(dialog.getByRole('status')).toHaveText('A new archive file will be written.');
    await saveScreenshot(page, testInfo, 'export-dialog.png');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();

    await expect(page.getByText(`Exported to the archive ${file}, 2 tag(s).`).first()).toBeVisible();
    for (const [tag, digest] of digests) {
      const { stdout } = await runCommand('skopeo', ['inspect', '--raw', `oci-archive:${file}:${tag}`]);
      expect(sha256(stdout)).toBe(digest);
    }

    // Opened again (the sidebar's Open OCI layout or archive…): the repository, named after the file,
    // holds the same tags with the same digests.
    await app.sidebar.getByRole('button', { name: 'Open OCI layout or archive…' }).click();
    const open = page.getByRole('dialog', { name: 'Open OCI layout or archive' });
    await open.getByRole('textbox', { name: /^Path on/ }).fill(file);
    await expect(open.getByRole('status')).toContainText('An oci-archive with');
    await open.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(open).toBeHidden();
    await expect(app.selector(`${name}.tar`)).toContainText(file);
    await catalog.openRepository(name);
    for (const [tag, digest] of digests) {
      await expect(catalog.tag(tag)).toBeVisible();
      await catalog.openTag(tag);
      await expect(catalog.section('Overview')).toContainText(digest);
      await catalog.main.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: name, exact: true }).click();
    }
  });

  test('"Export…" from a tag row’s menu, by keyboard: a folder that is not a layout is refused by name; Escape gives focus back to the list', async ({ app, page, webHost }) => {
    const repository = `e2e/menu${randomBytes(3).toString('hex')}`;
    await seedLocal(webHost.dataDir, repository);
    const catalog = new CatalogPage(page);
    await app.selector('Local').click();
    await catalog.refresh.click();
    await catalog.openRepository(repository);
    await catalog.tags.focus();
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', { name: new RegExp(`^Actions for ${repository}:`) });
    await expect(menu).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Export…' })).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: new RegExp(`^Export ${repository}:v`) });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: /A folder/ }).check();
    const folder = dialog.getByRole('textbox', { name: 'Folder' });
    await folder.fill(webHost.dataDir);
    await expect(dialog.getByRole('status')).toContainText('holds other files and is not an OCI image layout');
    await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(catalog.tags).toBeFocused();
  });
});
