/**
 * RFC 3339 `date-time` (section 5.6): `2024-05-01T12:00:00Z`, `…T12:00:00.123456789+02:00`.
 * Dates come from registries (annotations, image configs), so everything else is refused rather
 * than handed to a lenient `Date.parse` that would turn "5" or "May 1" into some date.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
const MAX_LENGTH = 40;

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** An RFC 3339 timestamp the UI can show (a leap second, which JS dates cannot read, is refused). */
export function isRfc3339(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return false;
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offsetHour = 0, offsetMinute = 0] = m.slice(1).map((part) => Number(part ?? 0));
  const fields = month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour <= 23 && minute <= 59 && second <= 59 && offsetHour <= 23 && offsetMinute <= 59;
  return fields && !Number.isNaN(Date.parse(value));
}

/** The newer of two RFC 3339 timestamps (by the instant they name, not by their text). */
export function newer(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}
