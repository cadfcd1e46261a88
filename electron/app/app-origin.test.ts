import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, devServerUrl, isSameOrigin, originOf } from './app-origin';

describe('originOf', () => {
  it('gives the app scheme an origin, unlike Node URL', () => {
    expect(originOf('app://stevedore/index.html')).toBe('app://stevedore');
    expect(originOf('app://STEVEDORE/x')).toBe('app://stevedore');
  });
  it('gives http(s) their usual origin with the port', () => {
    expect(originOf('http://localhost:5173/src/main.ts')).toBe('http://localhost:5173');
    expect(originOf('https://example.com/a')).toBe('https://example.com');
  });
  it('has no origin for file:, data:, javascript:, userinfo or garbage', () => {
    for (const url of ['file:///etc/passwd', 'data:text/html,hi', 'javascript:alert(1)', 'about:blank', 'app://user:pw@stevedore/', 'not a url', 'x'.repeat(9000)]) {
      expect(originOf(url)).toBeNull();
    }
  });
});

describe('isSameOrigin', () => {
  it('accepts our own pages', () => {
    expect(isSameOrigin('app://stevedore/index.html#/registries', APP_ORIGIN)).toBe(true);
  });
  it('refuses look-alikes a prefix check would let through', () => {
    for (const url of [
      'app://stevedore.evil.com/',
      'app://stevedore@evil.com/',
      'app://stevedoreX/',
      'https://stevedore/',
      'app://evil/app://stevedore/',
    ]) {
      expect(isSameOrigin(url, APP_ORIGIN), url).toBe(false);
    }
  });
  it('compares ports for a dev server', () => {
    expect(isSameOrigin('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isSameOrigin('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
    expect(isSameOrigin('http://localhost:5173.evil.com/x', 'http://localhost:5173')).toBe(false);
  });
});

describe('devServerUrl', () => {
  it('is ignored in a packaged app', () => {
    expect(devServerUrl('http://localhost:5173/', true)).toBeNull();
  });
  it('is ignored when unset or blank', () => {
    expect(devServerUrl(undefined, false)).toBeNull();
    expect(devServerUrl('  ', false)).toBeNull();
  });
  it('accepts loopback http', () => {
    expect(devServerUrl('http://127.0.0.1:5173/', false)?.origin).toBe('http://127.0.0.1:5173');
    expect(devServerUrl('http://[::1]:5173/', false)?.origin).toBe('http://[::1]:5173');
  });
  it('refuses remote hosts, other schemes and credentials with a message that says what to use', () => {
    expect(() => devServerUrl('https://example.com/', false)).toThrow(/localhost/);
    expect(() => devServerUrl('file:///tmp/index.html', false)).toThrow(/http/);
    expect(() => devServerUrl('http://u:p@localhost:5173/', false)).toThrow(/user name or password/);
    expect(() => devServerUrl('::', false)).toThrow(/not a URL/);
  });
});
