import { performance } from 'node:perf_hooks';

/** One call the app made on the stand-in `electron` module, in the order it made them. */
export interface JournalEntry {
  seq: number;
  /** Milliseconds since the journal started (the child starts it just before loading the bundle). */
  at: number;
  /** `module.method` or `Class#method`, e.g. `app.requestSingleInstanceLock`, `BrowserWindow#loadURL`. */
  api: string;
  args: unknown[];
}

const MAX_DEPTH = 6;
const MAX_STRING = 4000;
const MAX_ITEMS = 200;

/** Something the journal shows by name instead of copying (windows, webContents). */
export interface Labelled {
  readonly standInLabel: string;
}

/** Records every call in JSON-safe form: functions by name, stand-in objects by label, long values cut. */
export class Journal {
  readonly entries: JournalEntry[] = [];
  private readonly started = performance.now();

  now(): number {
    return Math.round((performance.now() - this.started) * 10) / 10;
  }

  record(api: string, ...args: unknown[]): JournalEntry {
    const entry = { seq: this.entries.length, at: this.now(), api, args: args.map((arg) => plain(arg, 0)) };
    this.entries.push(entry);
    return entry;
  }

  calls(api: string): JournalEntry[] {
    return this.entries.filter((entry) => entry.api === api);
  }
}

export function plain(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined) return '[undefined]';
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value === 'bigint' || typeof value === 'symbol') return value.toString();
  if (isLabelled(value)) return `[${value.standInLabel}]`;
  if (depth >= MAX_DEPTH) return '[deeper]';
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => plain(item, depth + 1));
  if (value instanceof Error) return { error: value.message };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value).slice(0, MAX_ITEMS)) out[key] = plain(item, depth + 1);
  return out;
}

function isLabelled(value: object): value is Labelled {
  return typeof (value as Partial<Labelled>).standInLabel === 'string';
}
