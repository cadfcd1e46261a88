import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_OPTIONS, selectSuites } from './suites';

describe('selectSuites', () => {
  it('runs both suites by default and leaves the blob flags alone', () => {
    expect(selectSuites(['--runs', '3', '--size=64'])).toEqual({ suites: ['blobs', 'catalog'], blobArgs: ['--runs', '3', '--size=64'], catalog: DEFAULT_CATALOG_OPTIONS });
  });

  it('picks one suite, in either flag form', () => {
    expect(selectSuites(['--suite', 'catalog']).suites).toEqual(['catalog']);
    expect(selectSuites(['--suite=blobs', '--small', '20'])).toMatchObject({ suites: ['blobs'], blobArgs: ['--small', '20'] });
  });

  it('takes the catalog flags out of the blob arguments', () => {
    const picked = selectSuites(['--repositories', '500', '--runs', '1', '--tags=3', '--rows', '2000', '--catalog-out', 'x.md']);
    expect(picked.blobArgs).toEqual(['--runs', '1']);
    expect(picked.catalog).toEqual({ repositories: 500, tagsPerRepository: 3, rows: 2000, outFile: 'x.md', typingRuns: 1, rendererDirs: [] });
  });

  it('runs only the renderer typing, several times, over renderers taken in turn', () => {
    const picked = selectSuites(['--suite', 'catalog', '--only', 'typing', '--typing-runs=6', '--renderer-dir', '/tmp/a,/tmp/b']);
    expect(picked.catalog).toMatchObject({ only: 'typing', typingRuns: 6, rendererDirs: ['/tmp/a', '/tmp/b'] });
    expect(picked.blobArgs).toEqual([]);
  });

  it('refuses an unknown suite, a missing value and an out-of-range count with a usable message', () => {
    expect(() => selectSuites(['--suite', 'tags'])).toThrow('--suite must be blobs or catalog, not "tags".');
    expect(() => selectSuites(['--suite'])).toThrow('--suite needs a value.');
    expect(() => selectSuites(['--rows', '0'])).toThrow('--rows must be a whole number from 1 to 100000, not "0".');
    expect(() => selectSuites(['--repositories', '1e5'])).toThrow('--repositories must be a whole number');
    expect(() => selectSuites(['--only', 'cold'])).toThrow('--only must be typing, not "cold".');
    expect(() => selectSuites(['--typing-runs', '51'])).toThrow('--typing-runs must be a whole number from 1 to 50, not "51".');
  });
});
