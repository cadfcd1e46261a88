import { describe, expect, it } from 'vitest';
import { expiryFrom, TokenCache } from './token-cache';

describe('TokenCache', () => {
  it('keys by registry and scope set, whatever the scope order', () => {
    expect(TokenCache.key('r', ['b', 'a'], 's')).toBe(TokenCache.key('r', ['a', 'b'], 's'));
    expect(TokenCache.key('r', ['a'])).not.toBe(TokenCache.key('r2', ['a']));
  });

  it('shares one fetch between concurrent callers (single-flight)', async () => {
    const cache = new TokenCache(() => 0);
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fetch = async () => {
      calls++;
      await gate;
      return { token: 't1', expiresAt: 1000 };
    };
    const all = Promise.all([cache.getOrFetch('k', fetch), cache.getOrFetch('k', fetch), cache.getOrFetch('k', fetch)]);
    release();
    expect(await all).toEqual(['t1', 't1', 't1']);
    expect(calls).toBe(1);
  });

  it('fetches again once the token has expired (fake clock), and after invalidate', async () => {
    let now = 0;
    const cache = new TokenCache(() => now);
    let n = 0;
    const fetch = async () => ({ token: `t${++n}`, expiresAt: now + 1000 });
    expect(await cache.getOrFetch('k', fetch)).toBe('t1');
    expect(await cache.getOrFetch('k', fetch)).toBe('t1');
    now = 1000;
    expect(await cache.getOrFetch('k', fetch)).toBe('t2');
    cache.invalidate('k');
    expect(await cache.getOrFetch('k', fetch)).toBe('t3');
  });

  it('does not cache a failed fetch', async () => {
    const cache = new TokenCache(() => 0);
    await expect(cache.getOrFetch('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.getOrFetch('k', async () => ({ token: 'ok', expiresAt: 10 }))).toBe('ok');
  });

  it('derives expiry from expires_in with a margin, defaulting to 60 s', () => {
    expect(expiryFrom(0, undefined)).toBe(54_000);
    expect(expiryFrom(0, 300)).toBe(290_000);
    expect(expiryFrom(0, -5)).toBe(54_000);
    expect(expiryFrom(0, 10)).toBe(9_000);
  });
});
