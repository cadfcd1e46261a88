import { describe, expect, it } from 'vitest';
import { keychainLoads } from './keychain-probe';

describe('keychainLoads', () => {
  it('is true with the real keytar module built here', async () => {
    expect(await keychainLoads()).toBe(true);
  });
  it('is false when the module fails to load', async () => {
    expect(await keychainLoads(() => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')))).toBe(false);
  });
  it('is false when the module is not the keychain API', async () => {
    expect(await keychainLoads(() => Promise.resolve({}))).toBe(false);
  });
});
