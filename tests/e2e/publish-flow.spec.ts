import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFaultProxy } from '../support/fault-proxy';
import { gzip, tar } from '../support/seed/tar';
import { test, expect, manifestOf, fillTarget, setCreated, showTarget } from './publish-fixtures';

test.describe('publish: keyboard, refusals, the queue, web uploads, attach', () => {
  test('from the keyboard: the Publish… menu, the file chooser, Escape closes the panel and focus comes back', async ({ shell, target, page }) => {
    const { publisher } = shell;
    await showTarget(shell);
    const file = join(target.dir, 'keyboard.txt');
    await writeFile(file, 'typed\n');
    // Listening first: Playwright turns on file-chooser interception when a listener is added, and
    // on a loaded machine an Enter pressed right after could open the chooser before it is on.
    const chooser = page.waitForEvent('filechooser');
    const button = shell.catalog.main.getByRole('button', { name: 'Publish…' });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(shell.catalog.main.getByRole('menuitem', { name: 'Files…' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(shell.catalog.main.getByRole('menuitem', { name: 'Folder…' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(file);
    await expect(publisher.panel).toBeVisible();
    await expect(publisher.repository).toBeFocused();
    await page.keyboard.type('typed');
    await publisher.previewDigest();
    await page.keyboard.press('Escape');
    await expect(publisher.panel).toBeHidden();
    await expect(button).toBeFocused();
    await expect(publisher.dock.getByRole('article')).toHaveCount(0);
  });

  test('a .tgz called a Helm chart without Chart.yaml says why and cannot be published', async ({ shell }) => {
    const { publisher } = shell;
    await showTarget(shell);
    const notAChart = gzip(tar([{ path: 'stuff/readme.txt', content: 'no chart here\n' }]));
    await publisher.dropFiles(shell.catalog.main, [{ name: 'stuff-1.0.0.tgz', content: notAChart }]);
    await expect(publisher.kind).not.toHaveValue('helm');
    await publisher.setKind('Helm chart');
    await publisher.repository.fill('charts');
    await expect(publisher.panel.getByRole('alert', { name: 'Cannot publish yet' })).toContainText('Chart.yaml');
    await expect(publisher.publishButton).toBeDisabled();
    await publisher.panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(publisher.panel).toBeHidden();
  });

  test('Cancel in the queue stops a publish with nothing tagged; Retry then finishes it', async ({ shell, target }) => {
    const { app, publisher } = shell;
    // The same registry behind a proxy that holds every blob upload: the transfer stays running until cancelled.
    const proxy = await startFaultProxy({ upstream: target.registry.url });
    try {
      proxy.fault({ path: /\/blobs\/uploads\//, times: Number.POSITIVE_INFINITY, fault: { kind: 'delay', ms: 5_000 } });
      await app.addWithMouse(proxy.host, 'Slow registry');
      await expect(app.status('Slow registry')).toContainText('connected');
      await publisher.dropFiles(app.registry('Slow registry'), [{ name: 'slow.txt', content: `held back ${Date.now()}\n` }]);
      await fillTarget(publisher, 'held', 'v1');
      await expect(publisher.publishButton).toBeEnabled();
      await publisher.publishButton.click();
      const card = publisher.dock.getByRole('article').first();
      await card.getByRole('button', { name: 'Cancel' }).click();
      await expect(card).toHaveAttribute('data-state', 'cancelled');
      await expect(target.http.getManifest('held', 'v1')).rejects.toThrow(/404/);
      proxy.clearFaults();
      await card.getByRole('button', { name: 'Retry' }).click();
      await expect(card).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
      expect((await manifestOf(target, 'held', 'v1')).manifest.layers).toHaveLength(1);
    } finally {
      await proxy.stop();
    }
  });

  test('web mode shows the browser-to-Stevedore upload in the queue until the panel opens, and can cancel it', async ({ shell, page, webHost }) => {
    const { publisher } = shell;
    await showTarget(shell);
    // Hold the file's upload to the web host so its row can be seen (and cancelled) mid-way.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/uploads\/batches\/[^/]+\/entries$/, async (route) => {
      await held;
      await route.continue().catch(() => undefined);
    });
    await publisher.dropFiles(shell.catalog.main, [{ name: 'held.txt', content: 'x'.repeat(4096) }]);
    const row = publisher.dock.getByRole('article', { name: 'Upload held.txt to Stevedore' });
    await expect(row.getByRole('progressbar')).toBeVisible();
    await expect(row).toContainText('Uploading to Stevedore');
    await row.getByRole('button', { name: 'Cancel' }).click();
    await expect(row).toBeHidden();
    release();
    await expect(publisher.panel).toBeHidden();
    // The cancelled upload is removed from the host's staging folder (the host's TMPDIR is its home).
    const staging = join(webHost.home, (await readdir(webHost.home)).find((name) => name.startsWith('stevedore-staging-')) ?? 'missing');
    await expect.poll(() => readdir(staging)).toEqual([]);

    await page.unroute(/\/api\/uploads\/batches\/[^/]+\/entries$/);
    await publisher.dropFiles(shell.catalog.main, [{ name: 'held.txt', content: 'x'.repeat(4096) }]);
    await expect(publisher.panel).toBeVisible();
    await expect(publisher.dock.getByRole('article', { name: 'Upload held.txt to Stevedore' })).toBeHidden();
  });

  test('files dropped on a tag row attach to the artifact that tag names', async ({ shell, target }) => {
    const { publisher, catalog } = shell;
    await catalog.openRepository('app');
    await expect(catalog.tag('1.0')).toContainText('Image');
    await publisher.dropFiles(catalog.tag('1.0').locator('.tag-row'), [{ name: 'notes.txt', content: 'about 1.0\n' }]);
    await expect(publisher.panel.getByRole('checkbox', { name: `Attach to ${target.image.digest.slice(0, 19)} as a referrer` })).toBeChecked();
    await expect(publisher.repository).toHaveValue('app');
    await setCreated(publisher, 'Off');
    const previewed = await publisher.previewDigest();
    await publisher.publish();
    expect((await manifestOf(target, 'app', previewed)).manifest.subject?.digest).toBe(target.image.digest);
  });
});
