import { oneOf, parseSuiteFlags, text, whole } from './suite-flags';

/** Command-line options of `npm run bench`. */
export interface BenchOptions {
  /** Repetitions of every measurement; the median is reported. */
  runs: number;
  /** Size of the large blob, MiB. */
  sizeMiB: number;
  /** Number of small blobs. */
  smallCount: number;
  /** Where the markdown table goes. */
  outFile: string;
  /** `push`: only the large-blob push rows (Stevedore, skopeo, floor, registry ceiling) and push memory. */
  blobRows: 'all' | 'push';
}

export const DEFAULT_OPTIONS: BenchOptions = { runs: 5, sizeMiB: 1024, smallCount: 200, outFile: 'tests/bench/results/latest.md', blobRows: 'all' };

const USAGE = 'Use --runs N, --size <MiB>, --small N, --out <file>, --blob-rows push|all.';
const FLAGS = {
  '--runs': whole<BenchOptions>(1, 50, (o, n) => (o.runs = n)),
  '--size': whole<BenchOptions>(1, 8192, (o, n) => (o.sizeMiB = n)),
  '--small': whole<BenchOptions>(1, 2000, (o, n) => (o.smallCount = n)),
  '--out': text<BenchOptions>((o, file) => (o.outFile = file)),
  '--blob-rows': oneOf<BenchOptions>(['push', 'all'], (o, rows) => (o.blobRows = rows as BenchOptions['blobRows'])),
};

/** Parses `--runs N --size MiB --small N --out file --blob-rows push|all`; refuses anything else with a usable message. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  return parseSuiteFlags(argv, DEFAULT_OPTIONS, FLAGS, USAGE);
}
