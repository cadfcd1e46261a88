import { describe, expect, it } from 'vitest';
import { DEFAULT_PUBLISH_OPTIONS, parsePublishOptions } from './publish-options';

describe('parsePublishOptions', () => {
  it('reads every flag, in both forms, over the defaults', () => {
    expect(parsePublishOptions([])).toEqual(DEFAULT_PUBLISH_OPTIONS);
    expect(parsePublishOptions(['--runs', '2', '--size=64', '--files', '500', '--out', 'x.md', '--rows', 'big,folder'])).toEqual({
      runs: 2,
      sizeMiB: 64,
      files: 500,
      outFile: 'x.md',
      rows: ['big', 'folder'],
    });
  });

  it('refuses unknown flags, missing values and numbers out of range', () => {
    expect(() => parsePublishOptions(['--small', '3'])).toThrow(/Unknown option --small/);
    expect(() => parsePublishOptions(['--runs'])).toThrow(/needs a value/);
    expect(() => parsePublishOptions(['--runs', '0'])).toThrow(/from 1 to 20/);
    expect(() => parsePublishOptions(['--files', '1e3'])).toThrow(/whole number/);
    expect(() => parsePublishOptions(['--rows', 'big,tiny'])).toThrow(/--rows takes big, folder, layers, web/);
  });
});
