import { describe, expect, it } from 'vitest';
import { checkRealm } from './bearer-realm';
import { parseChallenge } from './verify-login';

describe('parseChallenge', () => {
  it('reads scheme and quoted parameters, commas inside quotes included', () => {
    expect(parseChallenge('Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example.com/token', service: 'registry.example.com', scope: 'repository:a/b:pull,push' },
    });
  });

  it('reads Basic and an empty header', () => {
    expect(parseChallenge('Basic realm="stevedore-test"').scheme).toBe('basic');
    expect(parseChallenge('')).toEqual({ scheme: '', params: {} });
  });
});

describe('checkRealm', () => {
  it('accepts an https realm on another public host', () => {
    expect(checkRealm('https://auth.docker.io/token', 'https://registry-1.docker.io').ok).toBe(true);
  });

  it('accepts a loopback realm for a loopback registry (local test registries)', () => {
    expect(checkRealm('http://127.0.0.1:4000/token', 'http://127.0.0.1:5000').ok).toBe(true);
  });

  it.each([
    ['file:///etc/passwd', 'https://ghcr.io', /uses file/],
    ['http://auth.example.com/token', 'https://registry.example.com', /plain-HTTP/],
    ['https://169.254.169.254/latest', 'https://registry.example.com', /private or link-local/],
    ['https://10.0.0.5/token', 'https://registry.example.com', /private or link-local/],
    ['https://[fe80::1]/token', 'https://registry.example.com', /private or link-local/],
    ['https://user:pw@auth.example.com/token', 'https://registry.example.com', /user name/],
    ['not a url', 'https://registry.example.com', /not a URL/],
  ])('refuses %s for %s', (realm, registry, reason) => {
    const result = checkRealm(realm, registry);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
