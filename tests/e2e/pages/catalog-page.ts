import { expect, type Locator, type Page } from '@playwright/test';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The catalog: repository list with its filter and search, a repository's tags, an artifact's details. */
export class CatalogPage {
  readonly main: Locator;
  readonly search: Locator;
  readonly contentFilter: Locator;
  readonly repositories: Locator;
  readonly refresh: Locator;
  readonly scope: Locator;
  readonly tags: Locator;
  readonly artifactHeading: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main', { name: 'Catalog' });
    this.search = this.main.getByRole('searchbox', { name: 'Search repositories' });
    this.contentFilter = this.main.getByRole('button', { name: /^Content/ });
    this.repositories = this.main.getByRole('listbox', { name: 'Repositories' });
    this.refresh = this.main.getByRole('button', { name: 'Refresh' });
    this.scope = this.main.getByRole('combobox', { name: 'Registry' });
    this.tags = this.main.getByRole('listbox', { name: /^Tags of / });
    this.artifactHeading = this.main.getByRole('heading', { level: 1 });
  }

  /** A repository's row: its accessible name starts with the repository name. */
  repository(name: string): Locator {
    return this.repositories.getByRole('option', { name: new RegExp(`^${escapeRegExp(name)}(\\s|$)`) });
  }

  tag(name: string): Locator {
    return this.tags.getByRole('option', { name: new RegExp(`^${escapeRegExp(name)}(\\s|$)`) });
  }

  /** Names of the repository rows on screen (the seeded list is short enough to be all rendered). */
  async repositoryNames(): Promise<string[]> {
    const texts = await this.repositories.getByRole('option').locator('.text').allTextContents();
    return texts.map((t) => t.trim()).sort();
  }

  async filterBy(label: string): Promise<void> {
    await this.contentFilter.click();
    await this.main.getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(label)}\\b`) }).check();
    await this.page.keyboard.press('Escape');
  }

  async clearFilter(): Promise<void> {
    const clear = this.main.getByRole('button', { name: 'Clear filter' });
    if (await clear.isVisible()) await clear.click();
  }

  /** From anywhere in the catalog back to the repository list, through the breadcrumb. */
  async backToList(): Promise<void> {
    if (await this.search.isVisible()) return;
    await this.main.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('listitem').first().getByRole('button').click();
    await expect(this.search).toBeVisible();
  }

  /** A tag row's Created cell; its title holds the exact timestamp, or why there is no date. */
  createdCell(row: Locator): Locator {
    return row.locator('.date');
  }

  /** The kind badge in a row: hovering it shows "Other"'s media type. */
  kindBadge(row: Locator): Locator {
    return row.locator('.badge').first();
  }

  async openRepository(name: string): Promise<void> {
    await this.backToList();
    await this.search.fill(name);
    await this.repository(name).click();
    await expect(this.tags).toBeVisible();
  }

  async openTag(tag: string): Promise<void> {
    await this.tag(tag).click();
    await expect(this.main.getByRole('region', { name: 'Overview' })).toBeVisible();
  }

  /** The value of one fact in the artifact's Overview (a description list). */
  overviewFact(term: string): Locator {
    return this.section('Overview').locator('dt', { hasText: new RegExp(`^${escapeRegExp(term)}$`) }).locator('xpath=following-sibling::dd[1]');
  }

  section(title: string | RegExp): Locator {
    return this.main.getByRole('region', { name: title, exact: typeof title === 'string' });
  }
}
