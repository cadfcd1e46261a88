import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPath } from './resolve-app-path';

const root = '/srv/stevedore/out/renderer';

describe('resolveAppPath', () => {
  it('maps our URLs to files under the root', () => {
    expect(resolveAppPath(root, 'app://stevedore/')).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, 'app://stevedore/index.html')).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, 'app://stevedore/assets/index-abc.js?v=1#x')).toBe(`${root}/assets/index-abc.js`);
    expect(resolveAppPath(root, 'app://stevedore/assets/a%20b.css')).toBe(`${root}/assets/a b.css`);
  });
  it('keeps dot segments the URL parser folds inside the root', () => {
    expect(resolveAppPath(root, 'app://stevedore/../../etc/passwd')).toBe(`${root}/etc/passwd`);
  });
  it('never lets encoded dot segments climb out of the root', () => {
    expect(resolveAppPath(root, 'app://stevedore/%2e%2e/%2e%2e/etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(resolveAppPath(root, 'app://stevedore/assets/%2E%2E/%2e%2E/x')).toBe(`${root}/x`);
    expect(resolveAppPath(root, 'app://stevedore/.%2e/x')).toBe(`${root}/x`);
    expect(resolveAppPath(root, 'app://stevedore/a/%2e%2e')).toBe(`${root}/index.html`);
    // Double encoding decodes once, to a literal file name inside the root.
    expect(resolveAppPath(root, 'app://stevedore/%252e%252e/x')).toBe(`${root}/%2e%2e/x`);
  });
  it('refuses encoded slashes that would rebuild a traversal after decoding', () => {
    expect(resolveAppPath(root, 'app://stevedore/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppPath(root, 'app://stevedore/%2fetc%2fpasswd')).toBeNull();
  });
  it('refuses backslashes, raw or encoded', () => {
    expect(resolveAppPath(root, 'app://stevedore/..\\..\\etc\\passwd')).toBeNull();
    expect(resolveAppPath(root, 'app://stevedore/..%5c..%5cetc%5cpasswd')).toBeNull();
    expect(resolveAppPath(root, 'app://stevedore/a%5Cb')).toBeNull();
  });
  it('refuses NUL and control characters', () => {
    expect(resolveAppPath(root, 'app://stevedore/index.html%00.png')).toBeNull();
    expect(resolveAppPath(root, 'app://stevedore/a%0ab')).toBeNull();
  });
  it('refuses absolute paths and drive letters smuggled in a segment', () => {
    expect(resolveAppPath(root, 'app://stevedore//etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(resolveAppPath(root, 'app://stevedore/C:/Windows/win.ini')).toBeNull();
    expect(resolveAppPath(root, 'app://stevedore/C%3A%5CWindows')).toBeNull();
  });
  it('refuses other schemes, hosts, credentials and bad encodings', () => {
    for (const url of ['file:///etc/passwd', 'app://other/index.html', 'http://stevedore/index.html', 'app://u:p@stevedore/index.html', 'app://stevedore/%E0%A4%A', 'nonsense']) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });
  it('stays inside a Windows root too', () => {
    const winRoot = 'C:\\Stevedore\\resources\\renderer';
    expect(resolveAppPath(winRoot, 'app://stevedore/assets/x.js', path.win32)).toBe(`${winRoot}\\assets\\x.js`);
    expect(resolveAppPath(winRoot, 'app://stevedore/%2e%2e/%2e%2e/secret', path.win32)).toBe(`${winRoot}\\secret`);
    expect(resolveAppPath(winRoot, 'app://stevedore/D:%5Cx', path.win32)).toBeNull();
  });
});
