import { describe, expect, it } from 'vitest';
import { cookieName, createSessionToken, readCookie, sessionCookie, tokenMatches } from './session-token';

describe('session token', () => {
  it('is 32 random bytes in base64url, different every launch', () => {
    const a = createSessionToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createSessionToken()).not.toBe(a);
  });

  it('matches only itself, and never an empty or oversized candidate', () => {
    const token = createSessionToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token, `${token}x`)).toBe(false);
    expect(tokenMatches(token, token.slice(1))).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
    expect(tokenMatches(token, undefined)).toBe(false);
    expect(tokenMatches(token, 'x'.repeat(10_000))).toBe(false);
  });

  it('names the cookie per port and reads it back among others', () => {
    expect(cookieName(4242)).toBe('stevedore_session_4242');
    expect(sessionCookie(4242, 'abc')).toBe('stevedore_session_4242=abc; HttpOnly; SameSite=Strict; Path=/');
    expect(readCookie('a=1; stevedore_session_4242=abc; b=2', 'stevedore_session_4242')).toBe('abc');
    expect(readCookie('stevedore_session_4243=abc', 'stevedore_session_4242')).toBeUndefined();
    expect(readCookie(undefined, 'x')).toBeUndefined();
  });
});
