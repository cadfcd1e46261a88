/**
 * Tag ordering for the catalog: semver-aware (newest first; `v` prefix tolerated; pre-releases below
 * their release; build metadata ignored for precedence; Helm's `_` for `+`), non-semver tags after,
 * by name; or plainly by name. Keys are computed once per tag, so 100k tags sort quickly.
 */
export type TagOrder = 'semver' | 'name';

export interface SemverKey {
  /** major, minor, patch as digit strings without leading zeros (no overflow on huge numbers). */
  core: [string, string, string];
  /** Pre-release identifiers; empty for a release. */
  pre: string[];
  build?: string;
}

const SEMVER = /^[vV]?(\d{1,40})(?:\.(\d{1,40}))?(?:\.(\d{1,40}))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:[+_]([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const NUMERIC = /^\d+$/;

const stripZeros = (digits: string): string => digits.replace(/^0+(?=\d)/, '');

/** Parses a tag as a (lenient) semantic version, or undefined when it is not one. */
export function parseSemverTag(tag: string): SemverKey | undefined {
  if (tag.length > 128) return undefined;
  const m = SEMVER.exec(tag);
  if (!m) return undefined;
  const key: SemverKey = {
    core: [stripZeros(m[1] ?? '0'), stripZeros(m[2] ?? '0'), stripZeros(m[3] ?? '0')],
    pre: m[4] ? m[4].split('.') : [],
  };
  if (m[5]) key.build = m[5];
  return key;
}

function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIdentifier(a: string, b: string): number {
  const an = NUMERIC.test(a);
  const bn = NUMERIC.test(b);
  if (an && bn) return compareDigits(stripZeros(a), stripZeros(b));
  if (an) return -1;
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Semver precedence: negative when a is older than b. */
export function compareSemver(a: SemverKey, b: SemverKey): number {
  for (let i = 0; i < 3; i++) {
    const c = compareDigits(a.core[i] ?? '0', b.core[i] ?? '0');
    if (c !== 0) return c;
  }
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  const n = Math.min(a.pre.length, b.pre.length);
  for (let i = 0; i < n; i++) {
    const c = compareIdentifier(a.pre[i] ?? '', b.pre[i] ?? '');
    if (c !== 0) return c;
  }
  return a.pre.length - b.pre.length;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural name order ("v2" before "v10"), falling back to code points so the order is total. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

interface Keyed<T> {
  item: T;
  name: string;
  semver: SemverKey | undefined;
}

function compareKeyedSemver<T>(a: Keyed<T>, b: Keyed<T>): number {
  if (a.semver && b.semver) return compareSemver(b.semver, a.semver) || compareNames(a.name, b.name);
  if (a.semver) return -1;
  if (b.semver) return 1;
  return compareNames(a.name, b.name);
}

/** Sorts any rows by their tag; returns a new array and leaves the input alone. */
export function sortByTag<T>(items: readonly T[], tagOf: (item: T) => string, order: TagOrder): T[] {
  if (order === 'name') {
    const keyed = items.map((item) => ({ item, name: tagOf(item) }));
    keyed.sort((a, b) => compareNames(a.name, b.name));
    return keyed.map((k) => k.item);
  }
  const keyed: Keyed<T>[] = items.map((item) => {
    const name = tagOf(item);
    return { item, name, semver: parseSemverTag(name) };
  });
  keyed.sort(compareKeyedSemver);
  return keyed.map((k) => k.item);
}

export function sortTags(tags: readonly string[], order: TagOrder = 'semver'): string[] {
  return sortByTag(tags, (t) => t, order);
}
