import { parseSuiteFlags, text, whole } from '../suite-flags';

/** Command-line options of `npm run bench -- --suite copy`. */
export interface CopyBenchOptions {
  runs: number;
  /** The one layer of the image copied, MiB. */
  sizeMiB: number;
  outFile: string;
}

export const DEFAULT_COPY_OPTIONS: CopyBenchOptions = { runs: 3, sizeMiB: 1024, outFile: 'tests/bench/results/copy.md' };

const USAGE = 'Use --runs N, --size <MiB>, --out <file>.';
const FLAGS = {
  '--runs': whole<CopyBenchOptions>(1, 50, (o, n) => (o.runs = n)),
  '--size': whole<CopyBenchOptions>(1, 8192, (o, n) => (o.sizeMiB = n)),
  '--out': text<CopyBenchOptions>((o, file) => (o.outFile = file)),
};

/** Parses the copy suite's flags; refuses anything else with a usable message. */
export function parseCopyOptions(argv: readonly string[]): CopyBenchOptions {
  return parseSuiteFlags(argv, DEFAULT_COPY_OPTIONS, FLAGS, USAGE);
}
