import { parseSuiteFlags, picks, text, whole } from '../suite-flags';

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

const USAGE = 'Use --runs N, --size <MiB>, --files N, --out <file>, --rows big,folder,layers,web.';
const FLAGS = {
  '--runs': whole<PublishBenchOptions>(1, 20, (o, n) => (o.runs = n)),
  '--size': whole<PublishBenchOptions>(1, 8192, (o, n) => (o.sizeMiB = n)),
  '--files': whole<PublishBenchOptions>(1, 10_000, (o, n) => (o.files = n)),
  '--rows': picks<PublishBenchOptions>(PUBLISH_ROWS, (o, rows) => (o.rows = rows as PublishRow[])),
  '--out': text<PublishBenchOptions>((o, file) => (o.outFile = file)),
};

/** Parses `--runs N --size MiB --files N --out file --rows a,b` (after `--suite publish`); refuses anything else. */
export function parsePublishOptions(argv: readonly string[]): PublishBenchOptions {
  return parseSuiteFlags(argv, DEFAULT_PUBLISH_OPTIONS, FLAGS, USAGE);
}
