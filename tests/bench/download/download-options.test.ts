import { describe, expect, it } from 'vitest';
import { DEFAULT_DOWNLOAD_OPTIONS, parseDownloadOptions } from './download-options';

describe('parseDownloadOptions', () => {
  it('reads each flag, in both forms', () => {
    expect(parseDownloadOptions([])).toEqual(DEFAULT_DOWNLOAD_OPTIONS);
    expect(parseDownloadOptions(['--runs', '2', '--size=64', '--files', '100', '--image', '30', '--out', 'x.md'])).toEqual({ runs: 2, sizeMiB: 64, files: 100, imageMiB: 30, outFile: 'x.md' });
  });

  it('refuses unknown flags and bad numbers with the usage', () => {
    expect(() => parseDownloadOptions(['--small', '3'])).toThrow(/Unknown option --small\. Use --runs/);
    expect(() => parseDownloadOptions(['--runs', '0'])).toThrow(/from 1 to 50/);
    expect(() => parseDownloadOptions(['--size'])).toThrow(/needs a value/);
  });
});
