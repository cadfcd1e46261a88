const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

// One formatter each, shared: `toLocaleString()` builds an ICU formatter per call (tens of
// microseconds), and a search re-labels dozens of rows per keystroke.
const numbers = new Intl.NumberFormat();
const dates = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A size as people read it: 1 decimal under 10 units, whole numbers above (1000-based, as registries show). */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** A date for a table cell (local date and time, minutes), or "—" when missing or not a date. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '—';
  return dates.format(time);
}

/** The short form of a digest people compare at a glance: `sha256:1a2b3c4d5e6f`. */
export function shortDigest(digest: string | undefined): string {
  if (!digest) return '—';
  const [algorithm, hex] = digest.split(':');
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest.slice(0, 19);
}

/** An artifact as dialogs name it: `repo:tag`, or `repo@sha256:0123456789ab…` for a digest. */
export function artifactName(repository: string, reference: string): string {
  return reference.includes(':') ? `${repository}@${reference.slice(0, 19)}…` : `${repository}:${reference}`;
}

/** A count with the locale's digit grouping: `100,000`. */
export function formatCount(count: number): string {
  return numbers.format(count);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${numbers.format(count)} ${count === 1 ? one : many}`;
}
