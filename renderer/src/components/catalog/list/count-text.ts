/**
 * `plural` from lib/format with one shared number format: `Number.toLocaleString()` builds an ICU
 * formatter per call (tens of microseconds), and a search re-labels some 40 rows per keystroke.
 */
const numbers = new Intl.NumberFormat();

export function countText(count: number, one: string, many = `${one}s`): string {
  return `${numbers.format(count)} ${count === 1 ? one : many}`;
}

export function numberText(count: number): string {
  return numbers.format(count);
}
