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

const HAS_DIGIT = /\d/;
const encodeNumber = (digits: string): string => `${String.fromCharCode(0x20 + digits.length)}${digits}`;

/**
 * A key that orders names naturally and case-insensitively with plain string comparison: each digit
 * run becomes a marker, its length and its digits, so "v2" < "v10" and runs sort before letters.
 */
export function nameKey(name: string): string {
  const lower = name.toLowerCase();
  if (!HAS_DIGIT.test(lower)) return lower;
  return lower.replace(/\d+/g, (run) => `\u0001${encodeNumber(stripZeros(run))}`);
}

/** A string whose plain order is semver precedence: releases sort above their pre-releases. */
export function semverSortKey(v: SemverKey): string {
  const core = v.core.map(encodeNumber).join('');
  if (v.pre.length === 0) return `${core}\uffff`;
  return core + v.pre.map((id) => (NUMERIC.test(id) ? `\u0002${encodeNumber(stripZeros(id))}` : `\u0003${id}`)).join('\u0001');
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Natural name order ("v2" before "v10"), falling back to code points so the order is total. */
export function compareNames(a: string, b: string): number {
  return byCodePoint(nameKey(a), nameKey(b)) || byCodePoint(a, b);
}

interface Keyed<T> {
  item: T;
  name: string;
  /** nameKey, computed when first needed (semver ties and non-semver tags only). */
  key: string | undefined;
  /** semverSortKey, or undefined for a tag that is not a version. */
  version: string | undefined;
}

function keyOf<T>(k: Keyed<T>): string {
  return (k.key ??= nameKey(k.name));
}

function compareKeyedNames<T>(a: Keyed<T>, b: Keyed<T>): number {
  return byCodePoint(keyOf(a), keyOf(b)) || byCodePoint(a.name, b.name);
}

function compareKeyedSemver<T>(a: Keyed<T>, b: Keyed<T>): number {
  if (a.version !== undefined && b.version !== undefined) return byCodePoint(b.version, a.version) || compareKeyedNames(a, b);
  if (a.version !== undefined) return -1;
  if (b.version !== undefined) return 1;
  return compareKeyedNames(a, b);
}

/** Sorts any rows by their tag; returns a new array and leaves the input alone. */
export function sortByTag<T>(items: readonly T[], tagOf: (item: T) => string, order: TagOrder): T[] {
  const keyed: Keyed<T>[] = items.map((item) => {
    const name = tagOf(item);
    if (order === 'name') return { item, name, key: nameKey(name), version: undefined };
    const semver = parseSemverTag(name);
    return { item, name, key: undefined, version: semver && semverSortKey(semver) };
  });
  keyed.sort(order === 'semver' ? compareKeyedSemver : compareKeyedNames);
  return keyed.map((k) => k.item);
}

export function sortTags(tags: readonly string[], order: TagOrder = 'semver'): string[] {
  return sortByTag(tags, (t) => t, order);
}
