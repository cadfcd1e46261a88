import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCAL_OPTIONS, parseLocalOptions } from './local-options';

describe('Local bench options', () => {
  it('defaults to 5 runs, 1 GiB, 1,000 repositories × 10 artifacts, every row, into results/local.md', () => {
    expect(parseLocalOptions([])).toEqual(DEFAULT_LOCAL_OPTIONS);
    expect(DEFAULT_LOCAL_OPTIONS).toMatchObject({ runs: 5, sizeMiB: 1024, repositories: 1000, artifacts: 10, rows: ['publish', 'pull', 'catalog'], outFile: 'tests/bench/results/local.md' });
  });

  it('takes every flag, inline or not, and rows once each', () => {
    expect(parseLocalOptions(['--runs', '2', '--size=64', '--repositories', '50', '--artifacts=3', '--rows', 'catalog,pull,catalog', '--out', '/tmp/l.md'])).toEqual({
      runs: 2, sizeMiB: 64, repositories: 50, artifacts: 3, rows: ['catalog', 'pull'], outFile: '/tmp/l.md',
    });
  });

  it('refuses unknown flags, rows and out-of-range numbers, saying what to use', () => {
    expect(() => parseLocalOptions(['--files', '3'])).toThrow('Unknown option --files. Use --runs N');
    expect(() => parseLocalOptions(['--rows', 'publish,web'])).toThrow('--rows takes publish, pull, catalog (comma-separated), not "web".');
    expect(() => parseLocalOptions(['--size', '0'])).toThrow('--size must be a whole number from 1 to 8192, not "0".');
    expect(() => parseLocalOptions(['--artifacts', '1e3'])).toThrow('--artifacts must be a whole number from 1 to 200, not "1e3".');
    expect(() => parseLocalOptions(['--runs'])).toThrow('--runs needs a value.');
  });
});
