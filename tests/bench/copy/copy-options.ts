/** Command-line options of `npm run bench -- --suite copy`. */
export interface CopyBenchOptions {
  runs: number;
  /** The one layer of the image copied, MiB. */
  sizeMiB: number;
  outFile: string;
}

export const DEFAULT_COPY_OPTIONS: CopyBenchOptions = { runs: 3, sizeMiB: 1024, outFile: 'tests/bench/results/copy.md' };

const USAGE = 'Use --runs N, --size <MiB>, --out <file>.';
const LIMITS: Record<string, readonly [number, number]> = { '--runs': [1, 50], '--size': [1, 8192] };

/** Parses the copy suite's flags; refuses anything else with a usable message. */
export function parseCopyOptions(argv: readonly string[]): CopyBenchOptions {
  const options = { ...DEFAULT_COPY_OPTIONS };
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
    if (name === '--runs') options.runs = Number(value);
    else options.sizeMiB = Number(value);
  }
  return options;
}
