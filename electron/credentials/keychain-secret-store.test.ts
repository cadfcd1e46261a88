import { describe, expect, it } from 'vitest';
import { keychainAccount, parseKeychainAccount } from './keychain-secret-store';

describe('keychain account names', () => {
  it('are "<host> <username>" and parse back, user names with @ and spaces included', () => {
    for (const key of [
      { host: 'registry-1.docker.io', username: 'alice' },
      { host: '127.0.0.1:5000', username: 'bob@example.com' },
      { host: 'ghcr.io', username: 'first last' },
    ]) {
      expect(parseKeychainAccount(keychainAccount(key))).toEqual(key);
    }
    expect(keychainAccount({ host: 'ghcr.io', username: 'octocat' })).toBe('ghcr.io octocat');
  });

  it('ignores items that are not in that shape', () => {
    expect(parseKeychainAccount('nospace')).toBeUndefined();
    expect(parseKeychainAccount(' leading')).toBeUndefined();
    expect(parseKeychainAccount('trailing ')).toBeUndefined();
  });
});
