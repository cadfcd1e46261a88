import { seedRegistry, type SeededCatalog } from '../../support/seed';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { expect, test } from '../fixtures';
import { CatalogPage } from './catalog-page';

interface SeededFixtures {
  /** A real registry filled with every artifact kind, and the seed's description of it. */
  seeded: { registry: TestRegistry; catalog: SeededCatalog };
}

interface CatalogFixtures {
  /** The app with the seeded registry added under the name "Seeded", showing the catalog. */
  catalogPage: CatalogPage;
}

export const SEEDED_NAME = 'Seeded';

/** A new fixture on top of the shared ones (tests/e2e/fixtures.ts stays as it is). */
export const catalogTest = test.extend<CatalogFixtures, SeededFixtures>({
  seeded: [
    async ({}, use) => {
      const registry = await startRegistry({ auth: 'none' });
      const catalog = await seedRegistry(registry);
      await use({ registry, catalog });
      await registry.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  catalogPage: async ({ app, page, seeded }, use) => {
    await app.addWithMouse(seeded.registry.host, SEEDED_NAME);
    await expect(app.status(SEEDED_NAME)).toContainText('connected');
    const catalog = new CatalogPage(page);
    await expect(catalog.repositories).toBeVisible();
    await use(catalog);
  },
});

export { expect };
