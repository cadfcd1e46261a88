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
const LIMITS: Record<string, readonly [number, number]> = { '--runs': [1, 50], '--size': [1, 8192], '--files': [1, 100_000], '--image': [3, 4096] };

/** Parses the download suite's flags; refuses anything else with a usable message. */
export function parseDownloadOptions(argv: readonly string[]): DownloadBenchOptions {
  const options = { ...DEFAULT_DOWNLOAD_OPTIONS };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index] as string;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = inline ?? argv[++index];
    if (value === undefined) throw new Error(`${name} needs a value. ${USAGE}`);
    if (name === '--out') {
      options.outFile = value;
      continue;
    }
    const limits = LIMITS[name];
    if (!limits) throw new Error(`Unknown option ${name}. ${USAGE}`);
    if (!/^\d{1,6}$/.test(value) || Number(value) < limits[0] || Number(value) > limits[1]) {
      throw new Error(`${name} must be a whole number from ${limits[0]} to ${limits[1]}, not "${value.slice(0, 20)}".`);
    }
    const number = Number(value);
    if (name === '--runs') options.runs = number;
    else if (name === '--size') options.sizeMiB = number;
    else if (name === '--files') options.files = number;
    else options.imageMiB = number;
  }
  return options;
}
