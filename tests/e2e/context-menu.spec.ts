import { catalogTest as test, expect } from './fixtures';
import { DownloadPage } from './pages/download-page';

test.describe('tag row context menu', () => {
  test('a right-click on a tag row offers Download…, which opens the download dialog for that tag', async ({ catalogPage: catalog, seeded, page }) => {
    const image = seeded.catalog.get('image-oci');
    const tag = image.tag ?? '';
    await catalog.openRepository(image.repository);
    await catalog.tag(tag).click({ button: 'right' });

    const menu = page.getByRole('menu', { name: `Actions for ${image.repository}:${tag}` });
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitem')).toHaveText(['Download…', 'Copy to…', 'Export…', 'Copy digest']);
    await menu.getByRole('menuitem', { name: 'Download…' }).click();

    await expect(menu).toBeHidden();
    const downloads = new DownloadPage(page);
    await expect(downloads.dialog).toBeVisible();
    await expect(downloads.dialog.getByRole('heading', { name: `Download ${image.repository}:${tag}` })).toBeVisible();
    await expect(downloads.mode).toBeVisible();
  });

  test('from the keyboard: Shift+F10 on the focused row, Enter on Download…; Escape closes the menu and focus returns to the row', async ({ catalogPage: catalog, seeded, page }) => {
    const image = seeded.catalog.get('image-oci');
    const tag = image.tag ?? '';
    await catalog.openRepository(image.repository);
    await catalog.tags.focus();
    // The first row is active once the list has focus; move to the seeded tag's row.
    const rows = await catalog.tags.getByRole('option').count();
    for (let i = 0; i < rows && (await catalog.tag(tag).getAttribute('aria-selected')) !== 'true'; i += 1) await page.keyboard.press('ArrowDown');
    await expect(catalog.tag(tag)).toHaveAttribute('aria-selected', 'true');

    const menu = page.getByRole('menu', { name: `Actions for ${image.repository}:${tag}` });
    await page.keyboard.press('Shift+F10');
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Download…' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Copy to…' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(catalog.tags).toBeFocused();
    await expect(catalog.tag(tag)).toHaveAttribute('aria-selected', 'true');
    // The ContextMenu key opens the same menu.
    await page.keyboard.press('ContextMenu');
    await expect(menu.getByRole('menuitem', { name: 'Download…' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(catalog.tags).toBeFocused();

    await page.keyboard.press('Shift+F10');
    await expect(menu).toBeVisible();
    await page.keyboard.press('Enter');
    const downloads = new DownloadPage(page);
    await expect(downloads.dialog).toBeVisible();
    await expect(downloads.dialog.getByRole('heading', { name: `Download ${image.repository}:${tag}` })).toBeVisible();
    await expect(menu).toBeHidden();
    // Closing the dialog gives focus back to the tag list, on the same row.
    await page.keyboard.press('Escape');
    await expect(downloads.dialog).toBeHidden();
    await expect(catalog.tags).toBeFocused();
  });

  test('Copy to… opens the copy dialog for the tag, and a click outside closes the menu', async ({ catalogPage: catalog, seeded, page }) => {
    const image = seeded.catalog.get('image-oci');
    const tag = image.tag ?? '';
    await catalog.openRepository(image.repository);
    const menu = page.getByRole('menu');
    await catalog.tag(tag).click({ button: 'right' });
    await expect(menu).toBeVisible();
    await catalog.main.getByRole('heading', { name: image.repository, exact: true }).click();
    await expect(menu).toBeHidden();

    await catalog.tag(tag).click({ button: 'right' });
    await menu.getByRole('menuitem', { name: 'Copy to…' }).click();
    await expect(page.getByRole('dialog', { name: /^Copy / })).toBeVisible();
  });
});
