import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogTest as test, expect, saveScreenshot } from './fixtures';
import { DownloadPage } from './pages/download-page';

test.describe('download', () => {
  test('from the detail view into a new folder, the summary, then the conflict question on a second download', async ({ catalogPage: catalog, seeded, webHost, page }, testInfo) => {
    const artifact = seeded.catalog.get('oras-directory');
    await catalog.openRepository(artifact.repository);
    await catalog.openTag(artifact.tag ?? '');
    const downloads = new DownloadPage(page);
    await downloads.openFromDetails();
    await expect(downloads.dialog).toBeVisible();
    await expect(downloads.mode).toHaveValue('files');

    const folder = join(webHost.home, 'Downloads');
    await expect(downloads.folder).toHaveValue(folder);
    await expect(downloads.folderState()).toContainText('does not exist yet');
    await expect(downloads.start).toBeDisabled();
    await downloads.createFolder.click();
    await expect(downloads.folderState()).toContainText('can be written to');

    await downloads.start.click();
    await expect(downloads.summary.getByRole('heading', { name: 'Downloaded' })).toBeVisible();
    await expect(downloads.summary).toContainText('2 files written');
    await expect(downloads.summary).toContainText(folder);
    await expect(downloads.openFolder).toBeVisible();
    expect(await readFile(join(folder, 'site', 'index.html'), 'utf8')).toBe('<h1>hello</h1>\n');

    await saveScreenshot(page, testInfo, 'download-summary.png');

    await downloads.close.click();
    await expect(downloads.dialog).toBeHidden();
    await expect(page.getByRole('main', { name: 'Catalog' }).getByRole('button', { name: 'Download…' })).toBeFocused();

    await downloads.openFromDetails();
    await expect(downloads.folderState()).toContainText('can be written to');
    await downloads.start.click();
    await expect(downloads.question).toContainText('site is in the folder already');
    await downloads.question.getByRole('button', { name: 'Keep both' }).click();
    await expect(downloads.summary.getByRole('heading', { name: 'Downloaded' })).toBeVisible();
    expect(await readFile(join(folder, 'site (1)', 'style.css'), 'utf8')).toBe('h1{color:teal}\n');
  });

  test('from a tag row, choosing one of the modes an image offers', async ({ catalogPage: catalog, seeded, page }) => {
    const image = seeded.catalog.get('image-oci');
    await catalog.openRepository(image.repository);
    const downloads = new DownloadPage(page);
    await downloads.openFromRow(image.repository, image.tag ?? '');
    await expect(downloads.dialog).toBeVisible();
    await expect(downloads.mode).toHaveValue('oci-layout');
    await expect(downloads.mode.getByRole('option')).toHaveText(['OCI image layout', 'Root file system', 'Blobs by digest']);
    await downloads.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(downloads.dialog).toBeHidden();
  });
});
