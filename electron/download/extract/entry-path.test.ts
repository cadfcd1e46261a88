import { describe, expect, it } from 'vitest';
import { entrySegments, unsafeReason } from './entry-path';

describe('entrySegments', () => {
  it('splits ordinary names and drops ./ and repeated slashes inside', () => {
    expect(entrySegments('docs/a.txt')).toEqual(['docs', 'a.txt']);
    expect(entrySegments('./docs//b/./c/')).toEqual(['docs', 'b', 'c']);
    expect(entrySegments('a..b/..c')).toEqual(['a..b', '..c']);
  });

  it.each([
    ['../x', /goes up a folder/],
    ['a/../../x', /goes up a folder/],
    ['a/..', /goes up a folder/],
    ['..\\x', /goes up a folder/],
    ['/etc/passwd', /absolute path/],
    ['////x', /absolute path/],
    ['\\\\host\\share\\x', /UNC/],
    ['\\windows\\x', /absolute Windows path/],
    ['C:\\x', /drive letter/],
    ['c:..\\x', /drive letter/],
    ['a\0b', /NUL/],
    ['', /empty/],
    ['./.', /names no file/],
    [`${'x'.repeat(256)}`, /longer than 255 bytes/],
    [`${'é'.repeat(128)}`, /longer than 255 bytes/],
    [Array.from({ length: 257 }, () => 'd').join('/'), /nested 257 folders deep/],
  ])('refuses %j', (name, why) => {
    expect(unsafeReason(name)).toMatch(why);
  });

  it('applies Windows rules when the target is Windows', () => {
    expect(entrySegments('a\\b', { platform: 'win32' })).toEqual(['a', 'b']);
    expect(unsafeReason('a\\b', { platform: 'posix' })).toBeUndefined();
    expect(unsafeReason('dir/CON.txt', { platform: 'win32' })).toMatch(/device name/);
    expect(unsafeReason('ab:c', { platform: 'win32' })).toMatch(/character Windows does not allow/);
    expect(unsafeReason('trailing.', { platform: 'win32' })).toMatch(/ending in a dot/);
    expect(unsafeReason('dir/CON.txt', { platform: 'posix' })).toBeUndefined();
  });

  it('caps depth as asked', () => {
    expect(unsafeReason('a/b/c', { maxDepth: 2 })).toMatch(/nested 3 folders deep, more than the 2 allowed/);
  });
});
