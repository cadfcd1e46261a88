/** Options of `npm run bench -- --suite publish`. */
export interface PublishBenchOptions {
  runs: number;
  /** The large file, MiB. */
  sizeMiB: number;
  /** Small files in the folder (and as layers). */
  files: number;
  outFile: string;
  /** Which comparisons to run (skopeo's 2,000-layer push alone takes minutes here). */
  rows: PublishRow[];
}

/** `web`: the 1 GiB file through the built web host (upload to staging, then publish), beside the Electron path. */
export const PUBLISH_ROWS = ['big', 'folder', 'layers', 'web'] as const;
export type PublishRow = (typeof PUBLISH_ROWS)[number];

export const DEFAULT_PUBLISH_OPTIONS: PublishBenchOptions = { runs: 3, sizeMiB: 1024, files: 2000, outFile: 'tests/bench/results/publish.md', rows: [...PUBLISH_ROWS] };

const LIMITS = { '--runs': [1, 20], '--size': [1, 8192], '--files': [1, 10_000] } as const;
const USAGE = 'Use --runs N, --size <MiB>, --files N, --out <file>, --rows big,folder,layers,web.';

/** Parses `--runs N --size MiB --files N --out file --rows a,b` (after `--suite publish`); refuses anything else. */
export function parsePublishOptions(argv: readonly string[]): PublishBenchOptions {
  const options = { ...DEFAULT_PUBLISH_OPTIONS };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const cut = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && cut > 0 ? [arg.slice(0, cut), arg.slice(cut + 1)] : [arg, undefined];
    const value = inline ?? argv[++index];
    if (value === undefined) throw new Error(`${name} needs a value. ${USAGE}`);
    if (name === '--out') {
      options.outFile = value;
      continue;
    }
    if (name === '--rows') {
      const rows = value.split(',');
      const unknown = rows.find((row) => !(PUBLISH_ROWS as readonly string[]).includes(row));
      if (unknown !== undefined || rows.length === 0) throw new Error(`--rows takes ${PUBLISH_ROWS.join(', ')} (comma-separated), not "${(unknown ?? value).slice(0, 20)}".`);
      options.rows = rows as PublishRow[];
      continue;
    }
    if (!(name in LIMITS)) throw new Error(`Unknown option ${name.slice(0, 40)}. ${USAGE}`);
    const [min, max] = LIMITS[name as keyof typeof LIMITS];
    if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${value.slice(0, 20)}".`);
    const n = Number(value);
    if (name === '--runs') options.runs = n;
    else if (name === '--size') options.sizeMiB = n;
    else options.files = n;
  }
  return options;
}
