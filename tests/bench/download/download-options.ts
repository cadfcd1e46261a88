import { parseSuiteFlags, text, whole } from '../suite-flags';

/** Command-line options of `npm run bench -- --suite download`. */
export interface DownloadBenchOptions {
  runs: number;
  /** The single-file artifact, MiB. */
  sizeMiB: number;
  /** Small files in the folder artifact (one tar+gzip layer). */
  files: number;
  /** Uncompressed size of the 3-layer image to flatten, MiB. */
  imageMiB: number;
  outFile: string;
}

export const DEFAULT_DOWNLOAD_OPTIONS: DownloadBenchOptions = { runs: 3, sizeMiB: 1024, files: 2000, imageMiB: 200, outFile: 'tests/bench/results/download.md' };

const USAGE = 'Use --runs N, --size <MiB>, --files N, --image <MiB>, --out <file>.';
const FLAGS = {
  '--runs': whole<DownloadBenchOptions>(1, 50, (o, n) => (o.runs = n)),
  '--size': whole<DownloadBenchOptions>(1, 8192, (o, n) => (o.sizeMiB = n)),
  '--files': whole<DownloadBenchOptions>(1, 100_000, (o, n) => (o.files = n)),
  '--image': whole<DownloadBenchOptions>(3, 4096, (o, n) => (o.imageMiB = n)),
  '--out': text<DownloadBenchOptions>((o, file) => (o.outFile = file)),
};

/** Parses the download suite's flags; refuses anything else with a usable message. */
export function parseDownloadOptions(argv: readonly string[]): DownloadBenchOptions {
  return parseSuiteFlags(argv, DEFAULT_DOWNLOAD_OPTIONS, FLAGS, USAGE);
}
