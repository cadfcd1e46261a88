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

const FLAGS = ['--runs', '--size', '--small', '--out', '--blob-rows'];
const USAGE = 'Use --runs N, --size <MiB>, --small N, --out <file>, --blob-rows push|all.';
const LIMITS = { runs: [1, 50], sizeMiB: [1, 8192], smallCount: [1, 2000] } as const;

/** Parses `--runs N --size MiB --small N --out file --blob-rows push|all`; refuses anything else with a usable message. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const options = { ...DEFAULT_OPTIONS };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index] as string;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    if (!FLAGS.includes(name)) throw new Error(`Unknown option ${name}. ${USAGE}`);
    const value = inline ?? argv[++index];
    if (value === undefined) throw new Error(`${name} needs a value.`);
    switch (name) {
      case '--runs':
        options.runs = integer(name, value, LIMITS.runs);
        break;
      case '--size':
        options.sizeMiB = integer(name, value, LIMITS.sizeMiB);
        break;
      case '--small':
        options.smallCount = integer(name, value, LIMITS.smallCount);
        break;
      case '--out':
        options.outFile = value;
        break;
      case '--blob-rows':
        if (value !== 'push' && value !== 'all') throw new Error(`--blob-rows must be push or all, not "${value.slice(0, 20)}".`);
        options.blobRows = value;
        break;
      default:
        throw new Error(`Unknown option ${name}. ${USAGE}`);
    }
  }
  return options;
}

function integer(name: string, value: string, [min, max]: readonly [number, number]): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${value.slice(0, 20)}".`);
  }
  return Number(value);
}
