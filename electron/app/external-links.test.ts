import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-links';

describe('isAllowedExternalUrl', () => {
  it('allows https pages of allow-listed sites and their subdomains', () => {
    expect(isAllowedExternalUrl('https://github.com/oras-project/oras')).toBe(true);
    expect(isAllowedExternalUrl('https://docs.docker.com/registry/')).toBe(true);
    expect(isAllowedExternalUrl('https://GITHUB.com./x')).toBe(true);
  });
  it('refuses other schemes, even for allow-listed hosts', () => {
    for (const url of ['http://github.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://github.com/x', 'ms-msdt:/id', 'data:text/html,x']) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
  it('refuses look-alike hosts a suffix or prefix check would accept', () => {
    for (const url of ['https://evilgithub.com/', 'https://github.com.evil.com/', 'https://github.com@evil.com/', 'https://evil.com/?https://github.com']) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
  it('refuses credentials, odd ports, non-strings and huge inputs', () => {
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com:8443/')).toBe(false);
    expect(isAllowedExternalUrl(42)).toBe(false);
    expect(isAllowedExternalUrl(`https://github.com/${'a'.repeat(3000)}`)).toBe(false);
  });
  it('uses the list it is given', () => {
    expect(isAllowedExternalUrl('https://example.org/', ['example.org'])).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/', ['example.org'])).toBe(false);
  });
});
