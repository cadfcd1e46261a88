export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const MAX_PRETTY_CHARS = 4 * 1024 * 1024;

/** Pretty JSON for the raw views, capped (the UI shows it as text). */
export function pretty(value: unknown): string {
  const text = JSON.stringify(value, null, 2) ?? '';
  return text.length > MAX_PRETTY_CHARS ? `${text.slice(0, MAX_PRETTY_CHARS)}\n… (cut at 4 MiB)` : text;
}

export function stringRecord(value: unknown, max = 256): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) return out;
  for (const [key, v] of Object.entries(value).slice(0, max)) if (typeof v === 'string') out[key.slice(0, 256)] = v.slice(0, 4096);
  return out;
}

export function stringList(value: unknown, max = 1000): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string').slice(0, max).map((v) => v.slice(0, 4096));
}
