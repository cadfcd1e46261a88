import { describe, expect, it } from 'vitest';
import { DEFAULT_COPY_OPTIONS, parseCopyOptions } from './copy-options';

describe('copy bench options', () => {
  it('defaults to 3 runs of 1 GiB into results/copy.md; flags override, inline or not', () => {
    expect(parseCopyOptions([])).toEqual(DEFAULT_COPY_OPTIONS);
    expect(parseCopyOptions(['--runs', '1', '--size=64', '--out', '/tmp/c.md'])).toEqual({ runs: 1, sizeMiB: 64, outFile: '/tmp/c.md' });
  });

  it('refuses unknown flags and out-of-range numbers, saying what to use', () => {
    expect(() => parseCopyOptions(['--files', '3'])).toThrow('Unknown option --files. Use --runs N');
    expect(() => parseCopyOptions(['--size', '0'])).toThrow('--size must be a whole number from 1 to 8192, not "0".');
    expect(() => parseCopyOptions(['--runs'])).toThrow('--runs needs a value.');
  });
});
