import { describe, expect, it } from 'vitest';
import { decodeUploadPath, MAX_UPLOAD_DEPTH, uploadPathComponents } from './upload-paths';

describe('uploadPathComponents', () => {
  it.each([
    ['notes.txt', ['notes.txt']],
    ['docs/guide/intro.md', ['docs', 'guide', 'intro.md']],
    ['.github/workflows/ci.yml', ['.github', 'workflows', 'ci.yml']],
    ['a..b/..c/d..', ['a..b', '..c', 'd..']],
    ['with space/ünïcode ✓.txt', ['with space', 'ünïcode ✓.txt']],
  ])('accepts %j', (raw, parts) => {
    expect(uploadPathComponents(raw)).toEqual(parts);
  });

  it.each([
    ['', /is empty/],
    ['../etc/passwd', /steps out/],
    ['docs/../../etc/passwd', /steps out/],
    ['docs/./x', /steps out/],
    ['..', /steps out/],
    ['/etc/passwd', /is absolute/],
    ['////etc/passwd', /is absolute/],
    ['docs//x', /empty folder name/],
    ['docs/', /empty folder name/],
    ['C:\\Windows\\system32', /backslash/],
    ['..\\..\\x', /backslash/],
    ['\\\\server\\share\\x', /backslash/],
    ['C:/Windows/x', /drive path/],
    ['C:../x', /drive path/],
    ['docs/c:evil', /drive path/],
    ['a\u0000b', /control character/],
    ['docs/line\nbreak', /control character/],
    ['esc\u001b[31m', /control character/],
    ['del\u007f', /control character/],
  ])('refuses %j', (raw, reason) => {
    expect(() => uploadPathComponents(raw)).toThrow(reason);
  });

  it('refuses a name over 255 bytes and a path over 4096 bytes', () => {
    expect(() => uploadPathComponents(`${'é'.repeat(128)}.txt`)).toThrow(/longer than 255 bytes/);
    expect(() => uploadPathComponents(Array.from({ length: 40 }, () => 'x'.repeat(120)).join('/'))).toThrow(/longer than 4096 bytes/);
  });

  it(`caps the depth at ${MAX_UPLOAD_DEPTH} folders`, () => {
    expect(uploadPathComponents(Array.from({ length: MAX_UPLOAD_DEPTH }, () => 'd').join('/'))).toHaveLength(MAX_UPLOAD_DEPTH);
    expect(() => uploadPathComponents(Array.from({ length: MAX_UPLOAD_DEPTH + 1 }, () => 'd').join('/'))).toThrow(/deeper than/);
  });

  it('normalises to NFC, so one name typed two ways is one path', () => {
    expect(uploadPathComponents('cafe\u0301/x')).toEqual(uploadPathComponents('caf\u00e9/x'));
  });

  it('never echoes a control character back in its message', () => {
    expect(() => uploadPathComponents('a\u001b]0;pwned\u0007')).toThrow(/"a\?\]0;pwned\?"/);
  });
});

describe('decodeUploadPath', () => {
  it('decodes percent-encoding and refuses a broken one or none', () => {
    expect(decodeUploadPath(encodeURIComponent('docs/ü.txt'))).toBe('docs/ü.txt');
    expect(decodeUploadPath('%2e%2e%2Fx')).toBe('../x');
    expect(() => decodeUploadPath('%E0%A4%A')).toThrow(/percent-encoding/);
    expect(() => decodeUploadPath(undefined)).toThrow(/X-Stevedore-Path/);
  });
});
