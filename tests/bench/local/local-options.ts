/** Command-line options of `npm run bench -- --suite local`. */
export interface LocalBenchOptions {
  runs: number;
  /** The file published into Local and the image pulled into it, MiB. */
  sizeMiB: number;
  /** Repositories and tagged artifacts per repository generated for the catalog rows. */
  repositories: number;
  artifacts: number;
  rows: LocalRow[];
  outFile: string;
}

/** `publish`: a drop into Local; `pull`: registry → Local; `catalog`: opening Local, cold and warm. */
export const LOCAL_ROWS = ['publish', 'pull', 'catalog'] as const;
export type LocalRow = (typeof LOCAL_ROWS)[number];

export const DEFAULT_LOCAL_OPTIONS: LocalBenchOptions = {
  runs: 5, sizeMiB: 1024, repositories: 1000, artifacts: 10, rows: [...LOCAL_ROWS], outFile: 'tests/bench/results/local.md',
};

const USAGE = 'Use --runs N, --size <MiB>, --repositories N, --artifacts N, --rows publish,pull,catalog, --out <file>.';
const LIMITS = { '--runs': [1, 50], '--size': [1, 8192], '--repositories': [1, 20_000], '--artifacts': [1, 200] } as const;

/** Parses the Local suite's flags (after `--suite local`); refuses anything else with a usable message. */
export function parseLocalOptions(argv: readonly string[]): LocalBenchOptions {
  const options = { ...DEFAULT_LOCAL_OPTIONS };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const cut = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && cut > 0 ? [arg.slice(0, cut), arg.slice(cut + 1)] : [arg, undefined];
    const value = inline ?? argv[++index];
    if (value === undefined) throw new Error(`${name.slice(0, 40)} needs a value. ${USAGE}`);
    if (name === '--out') {
      options.outFile = value;
      continue;
    }
    if (name === '--rows') {
      const rows = value.split(',');
      const unknown = rows.find((row) => !(LOCAL_ROWS as readonly string[]).includes(row));
      if (unknown !== undefined) throw new Error(`--rows takes ${LOCAL_ROWS.join(', ')} (comma-separated), not "${unknown.slice(0, 20)}".`);
      options.rows = [...new Set(rows)] as LocalRow[];
      continue;
    }
    if (!(name in LIMITS)) throw new Error(`Unknown option ${name.slice(0, 40)}. ${USAGE}`);
    const [min, max] = LIMITS[name as keyof typeof LIMITS];
    if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${value.slice(0, 20)}".`);
    const n = Number(value);
    if (name === '--runs') options.runs = n;
    else if (name === '--size') options.sizeMiB = n;
    else if (name === '--repositories') options.repositories = n;
    else options.artifacts = n;
  }
  return options;
}
