/** Which benchmark suites `npm run bench` runs, and the arguments left for each. */
export type Suite = 'blobs' | 'catalog';

export interface CatalogOptions {
  /** Repositories seeded for the catalog measurement (two tags each by default). */
  repositories: number;
  tagsPerRepository: number;
  /** Rows the renderer holds while typing is measured. */
  rows: number;
  outFile: string;
  /** `typing`: only the renderer's search typing (seed, then type), no floor and no cold/warm open. */
  only?: 'typing';
  /** Typing measurements in one run, against one seeded registry (`--only typing`). */
  typingRuns: number;
  /** Built renderers to serve (`STEVEDORE_RENDERER_DIR`), taken in turn run by run: an interleaved A/B. Empty: the app's own out/renderer. */
  rendererDirs: string[];
}

export const DEFAULT_CATALOG_OPTIONS: CatalogOptions = { repositories: 10_000, tagsPerRepository: 2, rows: 100_000, outFile: 'tests/bench/results/catalog.md', typingRuns: 1, rendererDirs: [] };

export interface SuiteSelection {
  suites: Suite[];
  /** What is left for the blob suite's own parser. */
  blobArgs: string[];
  catalog: CatalogOptions;
}

const SUITES: readonly Suite[] = ['blobs', 'catalog'];
const CATALOG_FLAGS = { '--repositories': [1, 100_000], '--tags': [1, 100], '--rows': [1, 100_000], '--typing-runs': [1, 50] } as const;
const ONLY = ['typing'] as const;
type CatalogFlag = keyof typeof CATALOG_FLAGS;

/**
 * Takes `--suite blobs|catalog` (default: both) and the catalog's own flags (`--repositories N`,
 * `--tags N`, `--rows N`, `--catalog-out file`, `--only typing`, `--typing-runs N`, `--renderer-dir a,b`)
 * out of argv; everything else is the blob suite's.
 */
export function selectSuites(argv: readonly string[]): SuiteSelection {
  let suites: Suite[] = [...SUITES];
  const blobArgs: string[] = [];
  const catalog = { ...DEFAULT_CATALOG_OPTIONS };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const cut = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && cut > 0 ? [arg.slice(0, cut), arg.slice(cut + 1)] : [arg, undefined];
    const value = () => {
      const found = inline ?? argv[++index];
      if (found === undefined) throw new Error(`${name} needs a value.`);
      return found;
    };
    if (name === '--suite') {
      const wanted = value();
      if (!SUITES.includes(wanted as Suite)) throw new Error(`--suite must be ${SUITES.join(' or ')}, not "${wanted.slice(0, 20)}".`);
      suites = [wanted as Suite];
    } else if (name === '--catalog-out') {
      catalog.outFile = value();
    } else if (name === '--only') {
      const wanted = value();
      if (!ONLY.includes(wanted as (typeof ONLY)[number])) throw new Error(`--only must be ${ONLY.join(' or ')}, not "${wanted.slice(0, 20)}".`);
      catalog.only = wanted as (typeof ONLY)[number];
    } else if (name === '--renderer-dir') {
      catalog.rendererDirs = value().split(',').filter((dir) => dir !== '');
    } else if (name in CATALOG_FLAGS) {
      const [min, max] = CATALOG_FLAGS[name as CatalogFlag];
      const raw = value();
      if (!/^\d{1,6}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw.slice(0, 20)}".`);
      }
      const n = Number(raw);
      if (name === '--repositories') catalog.repositories = n;
      else if (name === '--tags') catalog.tagsPerRepository = n;
      else if (name === '--typing-runs') catalog.typingRuns = n;
      else catalog.rows = n;
    } else {
      blobArgs.push(arg);
    }
  }
  return { suites, blobArgs, catalog };
}
