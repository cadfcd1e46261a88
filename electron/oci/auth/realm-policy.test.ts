import { describe, expect, it } from 'vitest';
import { isInternalAddress, realmProblem } from './realm-policy';

describe('realmProblem', () => {
  it('accepts a public https realm for a public registry, and a loopback realm for a loopback registry', () => {
    expect(realmProblem('https://auth.docker.io/token', 'https://registry-1.docker.io')).toBeUndefined();
    expect(realmProblem('http://127.0.0.1:5001/token', 'http://127.0.0.1:5000')).toBeUndefined();
  });

  it.each([
    ['file:///etc/passwd', /file scheme/],
    ['ftp://x/token', /ftp scheme/],
    ['http://auth.example.com/token', /plain-HTTP/],
    ['https://169.254.169.254/latest/meta-data', /internal address/],
    ['https://10.0.0.5/token', /internal address/],
    ['https://192.168.1.1/token', /internal address/],
    ['https://[::1]/token', /internal address/],
    ['https://[fe80::1]/token', /internal address/],
    ['https://localhost/token', /internal address/],
    ['https://user:pw@auth.example.com/token', /credentials/],
    ['not a url', /not a valid URL/],
  ])('refuses %s for a public https registry', (realm, why) => {
    expect(realmProblem(realm, 'https://registry.example.com')).toMatch(why);
  });

  it('classifies addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.1.1', '100.64.0.1', '::1', 'fd00::1', '::ffff:10.0.0.1', '0.0.0.0']) {
      expect(isInternalAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', 'example.com', '2001:db8::1']) expect(isInternalAddress(a), a).toBe(false);
  });
});
