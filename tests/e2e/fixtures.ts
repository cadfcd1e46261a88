import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openLocalStore } from '../../electron/store';
import { freePort } from '../support/processes';
import { startKeyring, type TestKeyring } from '../support/keyring';
import { startRegistry, type TestRegistry } from '../support/registry';
import { seedRegistry, type SeededCatalog } from '../support/seed';
import { CatalogPage } from './pages/catalog-page';
import { RegistriesPage } from './pages/registries-page';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

interface TestFixtures {
  webHost: WebHostProcess;
  /** Console errors and page errors seen while the test ran (CSP violations land here). */
  consoleErrors: string[];
  app: RegistriesPage;
  /** A registry of this test's own, with nothing in it (openRegistry is shared, and other specs push to it). */
  emptyRegistry: TestRegistry;
}

interface WorkerFixtures {
  openRegistry: TestRegistry;
  loginRegistry: TestRegistry;
  /** A loopback address where nothing listens. */
  deadAddress: string;
  /** A real registry filled with every artifact kind, and the seed's description of it. */
  seeded: { registry: TestRegistry; catalog: SeededCatalog };
}

function watchConsole(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  emptyRegistry: async ({}, use) => {
    const registry = await startRegistry({ auth: 'none' });
    await use(registry);
    await registry.stop();
  },
  openRegistry: [
    async ({}, use) => {
      const registry = await startRegistry({ auth: 'none' });
      await use(registry);
      await registry.stop();
    },
    { scope: 'worker' },
  ],
  loginRegistry: [
    async ({}, use) => {
      const registry = await startRegistry({ auth: 'htpasswd' });
      await use(registry);
      await registry.stop();
    },
    { scope: 'worker' },
  ],
  deadAddress: [async ({}, use) => use(`127.0.0.1:${await freePort()}`), { scope: 'worker' }],
  seeded: [
    async ({}, use) => {
      const registry = await startRegistry({ auth: 'none' });
      const catalog = await seedRegistry(registry);
      await use({ registry, catalog });
      await registry.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  webHost: async ({}, use) => {
    const host = await startWebHostProcess();
    await use(host);
    await host.stop();
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    watchConsole(page, errors);
    await use(errors);
  },
  app: async ({ page, webHost, consoleErrors }, use) => {
    void consoleErrors;
    const app = new RegistriesPage(page);
    await app.open(webHost.url);
    await use(app);
  },
});

/**
 * The same fixtures with a real Secret Service (dbus + gnome-keyring) for the web host: logins go
 * to the keychain. The keyring's env is given to the host only; this test process keeps its own.
 */
export const keyringTest = test.extend<{ keyring: TestKeyring }>({
  keyring: async ({}, use) => {
    const keyring = await startKeyring({ applyToThisProcess: false });
    await use(keyring);
    await keyring.stop();
  },
  webHost: async ({ keyring }, use) => {
    const { DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR } = keyring.env;
    const host = await startWebHostProcess({ env: { DBUS_SESSION_BUS_ADDRESS: DBUS_SESSION_BUS_ADDRESS!, XDG_RUNTIME_DIR: XDG_RUNTIME_DIR! } });
    await use(host);
    await host.stop();
  },
});

export const SEEDED_NAME = 'Lab registry';

/** The app with the seeded registry added as SEEDED_NAME, showing the catalog. */
export const catalogTest = test.extend<{ catalogPage: CatalogPage }>({
  catalogPage: async ({ app, page, seeded }, use) => {
    await app.addWithMouse(seeded.registry.host, SEEDED_NAME);
    await expect(app.status(SEEDED_NAME)).toContainText('connected');
    const catalog = new CatalogPage(page);
    await expect(catalog.repositories).toBeVisible();
    await use(catalog);
  },
});

/** A small image written straight into Local's folder under `tag`, as another tool would; its manifest digest. */
export async function seedLocalImage(dataDir: string, repository: string, tag: string, architecture = 'amd64'): Promise<string> {
  const repo = openLocalStore(dataDir).repository(repository);
  const layer = await repo.blobs().push({ data: randomBytes(4096) });
  const config = await repo.blobs().push({ data: Buffer.from(JSON.stringify({ architecture, os: 'linux', rootfs: { type: 'layers', diff_ids: [layer.digest] } })) });
  const manifest = await repo.pushManifest(
    {
      schemaVersion: 2,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer.digest, size: layer.size }],
    },
    tag,
  );
  return manifest.digest;
}

const committedScreenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));

/**
 * Where a README screenshot goes: the test's own output folder, unless STEVEDORE_UPDATE_SCREENSHOTS=1
 * asks to replace the committed one (random ports make every run's pixels differ).
 */
export function screenshotPath(testInfo: TestInfo, name: string): string {
  return process.env.STEVEDORE_UPDATE_SCREENSHOTS === '1' ? `${committedScreenshots}${name}` : testInfo.outputPath(name);
}

/** Saves a README screenshot of the page where screenshotPath says, and checks it holds a picture (over 20 kB). */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = screenshotPath(testInfo, name);
  await page.screenshot({ path });
  expect((await stat(path)).size).toBeGreaterThan(20_000);
}

export { expect };
