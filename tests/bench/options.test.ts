import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, parseOptions } from './options';

describe('bench options', () => {
  it('defaults to 5 runs of a 1 GiB blob and 200 small blobs', () => {
    expect(parseOptions([])).toEqual({ runs: 5, sizeMiB: 1024, smallCount: 200, outFile: 'tests/bench/results/latest.md', blobRows: 'all' });
  });

  it('reads --runs, --size and --small in both spellings', () => {
    expect(parseOptions(['--runs', '2', '--size=64', '--small', '20', '--out', '/tmp/x.md'])).toEqual({ runs: 2, sizeMiB: 64, smallCount: 20, outFile: '/tmp/x.md', blobRows: 'all' });
    expect(parseOptions(['--blob-rows', 'push']).blobRows).toBe('push');
    expect(parseOptions(['--blob-rows=all']).blobRows).toBe('all');
  });

  it('refuses unknown flags, missing values and out-of-range numbers with the usage', () => {
    expect(() => parseOptions(['--fast'])).toThrow(/Unknown option --fast.*--runs N/);
    expect(() => parseOptions(['--runs'])).toThrow('--runs needs a value.');
    expect(() => parseOptions(['--runs', '0'])).toThrow('--runs must be a whole number from 1 to 50, not "0".');
    expect(() => parseOptions(['--size', '1.5'])).toThrow(/--size must be a whole number/);
    expect(() => parseOptions(['--blob-rows', 'pull'])).toThrow('--blob-rows must be push or all, not "pull".');
    expect(DEFAULT_OPTIONS.runs).toBe(5);
  });
});
