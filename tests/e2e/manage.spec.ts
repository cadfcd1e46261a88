import { createHash, randomBytes } from 'node:crypto';
import { openLocalStore } from '../../electron/store';
import { startRegistry } from '../support/registry';
import { SeedHttp } from '../support/seed/registry-http';
import { expect, test } from './fixtures';
import { CatalogPage } from './pages/catalog-page';

const TEST_REGISTRY = 'Test registry';
const CONFIG_TYPE = 'application/vnd.oci.image.config.v1+json';
const LAYER_TYPE = 'application/vnd.oci.image.layer.v1.tar';
const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';

function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A small image manifest over fresh random bytes, as bytes and blobs. */
function imageOf(): { blobs: Buffer[]; manifest: Buffer } {
  const layer = randomBytes(2048);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [digestOf(layer)] } }));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      config: { mediaType: CONFIG_TYPE, digest: digestOf(config), size: config.length },
      layers: [{ mediaType: LAYER_TYPE, digest: digestOf(layer), size: layer.length }],
    }),
  );
  return { blobs: [layer, config], manifest };
}

/** Two different images written straight into Local's folder, tagged v1 and v2. */
async function seedLocal(dataDir: string, repository: string): Promise<void> {
  const repo = openLocalStore(dataDir).repository(repository);
  for (const tag of ['v1', 'v2']) {
    const image = imageOf();
    for (const blob of image.blobs) await repo.blobs().push({ data: blob });
    await repo.manifests().push(image.manifest, MANIFEST_TYPE, tag);
  }
}

/** Two different images pushed to a real registry, tagged v1 and v2. */
async function seedRegistry(host: string, repository: string): Promise<void> {
  const http = new SeedHttp(host, 1);
  try {
    for (const tag of ['v1', 'v2']) {
      const image = imageOf();
      for (const blob of image.blobs) await http.pushBlob(repository, digestOf(blob), blob);
      await http.putManifest(repository, tag, MANIFEST_TYPE, image.manifest);
    }
  } finally {
    await http.close();
  }
}

async function registryTags(host: string, repository: string): Promise<string[]> {
  const http = new SeedHttp(host, 1);
  try {
    return (await http.listTags(repository)).sort();
  } catch {
    return [];
  } finally {
    await http.close();
  }
}

/** Opens v1, retags it with two new tags, then deletes its digest through the confirmation. */
async function retagThenDelete(catalog: CatalogPage, repository: string): Promise<void> {
  const page = catalog.page;
  await catalog.openRepository(repository);
  await catalog.openTag('v1');

  await catalog.main.getByRole('button', { name: 'Retag…' }).click();
  const retag = page.getByRole('dialog', { name: `Retag ${repository}:v1` });
  await retag.getByLabel('New tags').fill('1.0, -bad');
  await expect(retag.getByText('“-bad” is not a valid tag')).toBeVisible();
  await expect(retag.getByRole('button', { name: 'Retag', exact: true })).toBeDisabled();
  await retag.getByLabel('New tags').fill('1.0, stable');
  await retag.getByRole('button', { name: 'Retag', exact: true }).click();
  await expect(retag).toBeHidden();

  await catalog.main.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: repository }).click();
  await expect(catalog.tag('1.0')).toBeVisible();
  await expect(catalog.tag('stable')).toBeVisible();
  await expect(catalog.tag('v1')).toBeVisible();

  await catalog.openTag('stable');
  await catalog.main.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${repository}:stable?` });
  const goes = confirm.getByRole('region', { name: 'What goes' });
  await expect(goes).toContainText('all 3 of its tags');
  for (const tag of ['1.0', 'stable', 'v1']) await expect(goes.getByText(tag, { exact: true })).toBeVisible();
  await expect(goes).not.toContainText('v2');
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(confirm).toBeHidden();

  await expect(catalog.tags).toBeVisible();
  await expect(catalog.tag('v2')).toBeVisible();
  for (const tag of ['1.0', 'stable', 'v1']) await expect(catalog.tag(tag)).toHaveCount(0);
}

test.describe('retag and delete', () => {
  test('on Local: two new tags at once appear in the tag list; deleting the digest names and removes all three tags, not the other artifact', async ({ app, page, webHost }) => {
    const repository = `e2e/manage-${randomBytes(3).toString('hex')}`;
    await seedLocal(webHost.dataDir, repository);
    const catalog = new CatalogPage(page);
    await app.selector('Local').click();
    await catalog.refresh.click();
    await retagThenDelete(catalog, repository);
    expect((await openLocalStore(webHost.dataDir).repository(repository).allTags()).sort()).toEqual(['v2']);
  });

  test('on the test registry (Distribution, deletes on): the registry serves the new tags, then only the other artifact’s', async ({ app, page, openRegistry }) => {
    const repository = `e2e/manage-${randomBytes(3).toString('hex')}`;
    await seedRegistry(openRegistry.host, repository);
    await app.addWithMouse(openRegistry.host, TEST_REGISTRY);
    await expect(app.status(TEST_REGISTRY)).toContainText('connected');
    const catalog = new CatalogPage(page);
    await app.selector(TEST_REGISTRY).click();
    await catalog.refresh.click();
    await retagThenDelete(catalog, repository);
    expect(await registryTags(openRegistry.host, repository)).toEqual(['v2']);
  });

  test('where the registry switched deletes off, the confirmation shows its refusal and offers no Delete', async ({ app, page }) => {
    const locked = await startRegistry({ auth: 'none', deletes: false });
    try {
      const repository = `e2e/locked-${randomBytes(3).toString('hex')}`;
      await seedRegistry(locked.host, repository);
      await app.addWithMouse(locked.host, 'Locked registry');
      const catalog = new CatalogPage(page);
      await app.selector('Locked registry').click();
      await catalog.refresh.click();
      await catalog.openRepository(repository);
      await catalog.openTag('v1');
      await catalog.main.getByRole('button', { name: 'Delete…' }).click();
      const confirm = page.getByRole('dialog', { name: `Delete ${repository}:v1?` });
      await expect(confirm.getByRole('alert')).toContainText(`Locked registry refuses deletes in ${repository}`);
      await expect(confirm.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await expect(confirm).toBeHidden();
      expect(await registryTags(locked.host, repository)).toEqual(['v1', 'v2']);
    } finally {
      await locked.stop();
    }
  });
});
