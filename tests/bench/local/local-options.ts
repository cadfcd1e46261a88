import { parseSuiteFlags, picks, text, whole } from '../suite-flags';

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
const FLAGS = {
  '--runs': whole<LocalBenchOptions>(1, 50, (o, n) => (o.runs = n)),
  '--size': whole<LocalBenchOptions>(1, 8192, (o, n) => (o.sizeMiB = n)),
  '--repositories': whole<LocalBenchOptions>(1, 20_000, (o, n) => (o.repositories = n)),
  '--artifacts': whole<LocalBenchOptions>(1, 200, (o, n) => (o.artifacts = n)),
  '--rows': picks<LocalBenchOptions>(LOCAL_ROWS, (o, rows) => (o.rows = rows as LocalRow[])),
  '--out': text<LocalBenchOptions>((o, file) => (o.outFile = file)),
};

/** Parses the Local suite's flags (after `--suite local`); refuses anything else with a usable message. */
export function parseLocalOptions(argv: readonly string[]): LocalBenchOptions {
  return parseSuiteFlags(argv, DEFAULT_LOCAL_OPTIONS, FLAGS, USAGE);
}
