import { kindDef } from '../../shared/artifacts/kinds';
import type { SeededArtifact, SeededKind } from '../support/seed';
import { catalogTest as test, expect, saveScreenshot } from './fixtures';
import type { CatalogPage } from './pages/catalog-page';

function repositoriesOf(artifacts: SeededArtifact[]): string[] {
  return [...new Set(artifacts.map((a) => a.repository))].sort();
}

async function openArtifact(catalog: CatalogPage, artifact: SeededArtifact): Promise<void> {
  if (!artifact.tag) throw new Error(`${artifact.name} has no tag: open it through its subject's referrers`);
  await catalog.openRepository(artifact.repository);
  await catalog.openTag(artifact.tag);
}

/** Untagged referrers (SBOM, Notation) are reached from the artifact they describe. */
async function openReferrer(catalog: CatalogPage, subject: SeededArtifact, referrer: SeededArtifact): Promise<void> {
  await openArtifact(catalog, subject);
  await catalog.section(/^Referrers/).getByRole('button', { name: `Open ${referrer.digest}` }).first().click();
  await expect(catalog.main.getByText(referrer.digest).first()).toBeVisible();
}

test.describe('catalog', () => {
  test('the type filter shows exactly the repositories that hold each seeded kind', async ({ catalogPage: catalog, seeded }) => {
    const everything = repositoriesOf(seeded.catalog.artifacts);
    await expect.poll(() => catalog.repositoryNames()).toEqual(everything);
    const kinds = [...new Set(seeded.catalog.artifacts.map((a) => a.kind))] as SeededKind[];
    for (const kind of kinds) {
      await catalog.filterBy(kindDef(kind).label);
      await expect.poll(() => catalog.repositoryNames(), { message: `filter ${kind}` }).toEqual(repositoriesOf(seeded.catalog.ofKind(kind)));
      await catalog.clearFilter();
    }
    await expect.poll(() => catalog.repositoryNames()).toEqual(everything);
  });

  test('hovering "Other" shows its exact media type, which screen readers hear too', async ({ catalogPage: catalog, seeded, page }) => {
    const others = seeded.catalog.ofKind('other').filter((a) => a.tag && a.facts.shownMediaType);
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) {
      await catalog.openRepository(other.repository);
      const row = catalog.tag(other.tag ?? '');
      await expect(row).toHaveAccessibleName(new RegExp(`media type ${other.facts.shownMediaType?.replace(/[.+]/g, '\\$&')}`));
      await expect(page.getByRole('tooltip')).toBeHidden();
      await catalog.kindBadge(row).hover();
      await expect(page.getByRole('tooltip')).toBeVisible();
      await expect(page.getByRole('tooltip')).toHaveText(other.facts.shownMediaType ?? '');
      await page.mouse.move(5, 795);
    }
  });

  test('the detail view of each kind shows its key facts', async ({ catalogPage: catalog, seeded }) => {
    const chart = seeded.catalog.get('helm-chart');
    await openArtifact(catalog, chart);
    const chartFacts = catalog.section('Chart');
    await expect(chartFacts).toContainText(chart.facts.chart?.name ?? '');
    await expect(chartFacts).toContainText(chart.facts.chart?.version ?? '');
    await expect(catalog.section('values.yaml')).toContainText('replicaCount: 1');
    await expect(catalog.section('Commands')).toContainText('helm pull oci://');
    // The README is rendered from markdown as elements and text: its title becomes a heading.
    await expect(catalog.section('README').getByRole('heading', { name: chart.facts.chart?.name ?? '' })).toBeVisible();

    const multi = seeded.catalog.get('image-multi-platform');
    await openArtifact(catalog, multi);
    for (const platform of multi.facts.platforms ?? []) await expect(catalog.section(/^Platforms/)).toContainText(platform);

    const image = seeded.catalog.get('image-oci');
    await openArtifact(catalog, image);
    // demo:1.0 has no created annotation: the date comes from its image config.
    await expect(catalog.overviewFact('Created')).toContainText('2024');
    const config = catalog.section('Configuration');
    for (const word of [...(image.facts.entrypoint ?? []), ...(image.facts.exposedPorts ?? [])]) await expect(config).toContainText(word);
    await expect(catalog.section(/^Referrers/)).toBeVisible();

    const volume = seeded.catalog.get('volume-announcement');
    await openArtifact(catalog, volume);
    for (const file of volume.facts.files ?? []) await expect(catalog.section(/^Files/)).toContainText(file);

    const wasm = seeded.catalog.get('wasm-module');
    await openArtifact(catalog, wasm);
    await expect(catalog.section('Wasm configuration')).toContainText(wasm.facts.wasm?.os ?? '');
    await expect(catalog.section('Wasm configuration')).toContainText(wasm.facts.wasm?.architecture ?? '');

    const opa = seeded.catalog.get('opa-bundle');
    await openArtifact(catalog, opa);
    for (const file of opa.facts.files ?? []) await expect(catalog.main).toContainText(file);

    const sbom = seeded.catalog.get('sbom-spdx');
    await openReferrer(catalog, image, sbom);
    for (const name of sbom.facts.sbom?.packages ?? []) await expect(catalog.section('SBOM')).toContainText(name);

    const notation = seeded.catalog.get('signature-notation');
    await openReferrer(catalog, image, notation);
    await expect(catalog.section('Signature')).toContainText(notation.facts.signer ?? '');
  });

  test('the Created column shows the date of images dated only in their config (single image and multi-platform index)', async ({ catalogPage: catalog, seeded, page }) => {
    // The seed writes this time into image configs and no created annotation on images or the index.
    const created = '2024-05-01T12:00:00Z';
    // Formatted by the browser as the column formats every date (local time, minutes).
    const shown = await page.evaluate(
      (iso) => new Date(iso).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
      created,
    );
    for (const image of [seeded.catalog.get('image-oci'), seeded.catalog.get('image-multi-platform')]) {
      await catalog.openRepository(image.repository);
      const cell = catalog.createdCell(catalog.tag(image.tag ?? ''));
      await expect(cell, image.name).toHaveText(shown);
      await expect(cell, image.name).toHaveAttribute('title', created);
    }
  });

  test('keyboard only: search, move through the list, open a repository and an artifact', async ({ catalogPage: catalog, seeded, app, page }) => {
    const chart = seeded.catalog.get('helm-chart-prov');
    await expect.poll(() => catalog.repositoryNames()).toContain(chart.repository);
    await app.tabTo(catalog.search);
    await page.keyboard.type(chart.repository);
    await app.tabTo(catalog.repositories);
    await page.keyboard.press('Home');
    await expect(catalog.repository(chart.repository)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(catalog.tags).toBeFocused();
    await expect(catalog.tag(chart.tag ?? '')).toBeVisible();
    // Newest first: the provenance chart (0.2.0) is above 0.1.0.
    await page.keyboard.press('Home');
    await expect(catalog.tag(chart.tag ?? '')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(catalog.artifactHeading).toHaveText(`${chart.repository}:${chart.tag ?? ''}`);
    await expect(catalog.artifactHeading).toBeFocused();
    await expect(catalog.section('Chart')).toContainText(chart.facts.chart?.appVersion ?? '');
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(catalog.tags).toBeVisible();
  });

  test('a registry that cannot list shows its problem in its own banner, never blocking the others; a pinned name still appears', async ({ catalogPage: catalog, seeded, app, deadAddress }) => {
    await app.addWithMouse(deadAddress, 'Offline');
    await expect(app.status('Offline')).toContainText('unreachable');
    const problems = catalog.main.getByRole('list', { name: 'Registries with problems' });
    await expect(problems.getByRole('listitem')).toHaveCount(1);
    await expect(problems).toContainText('Offline');
    await expect.poll(() => catalog.repositoryNames()).toEqual(repositoriesOf(seeded.catalog.artifacts));

    await catalog.main.getByRole('button', { name: 'Add repository…' }).click();
    const form = catalog.main.getByRole('form', { name: 'Add repository' });
    await form.getByRole('combobox', { name: 'Registry' }).selectOption({ label: 'Offline' });
    await form.getByRole('textbox', { name: 'Repository' }).fill('Not A Name');
    await form.getByRole('button', { name: 'Pin' }).click();
    await expect(form.getByRole('alert')).toContainText('repository name');
    await form.getByRole('textbox', { name: 'Repository' }).fill('team/app');
    await form.getByRole('button', { name: 'Pin' }).click();
    await expect(form).toBeHidden();
    await expect(catalog.repository('team/app')).toContainText('Offline');
    await expect.poll(() => catalog.repositoryNames()).toContain('team/app');
  });

  test('saves a screenshot of the catalog with mixed kinds, for the README', async ({ catalogPage: catalog, seeded, page, consoleErrors }, testInfo) => {
    await expect.poll(() => catalog.repositoryNames()).toEqual(repositoriesOf(seeded.catalog.artifacts));
    await expect(catalog.repositories.getByText('classifying…')).toHaveCount(0);
    await page.mouse.move(5, 795);
    await saveScreenshot(page, testInfo, 'catalog.png');
    // The strict CSP holds: kind colours and row positions are set through style: directives, not inline styles.
    expect(consoleErrors).toEqual([]);
  });
});
