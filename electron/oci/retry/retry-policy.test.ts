import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, isRetryableError, isRetryableStatus, parseRetryAfter, retryDelay } from './retry-policy';
import { sleep } from './sleep';

describe('retry policy', () => {
  it('retries 408, 429 and 5xx but not 4xx or 501', () => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isRetryableStatus(s), String(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 412, 501]) expect(isRetryableStatus(s), String(s)).toBe(false);
  });

  it('retries connection resets and socket errors, also when wrapped', () => {
    expect(isRetryableError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryableError(new Error('fetch failed', { cause: Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }) }))).toBe(true);
    expect(isRetryableError(new Error('plain'))).toBe(false);
  });

  it('reads Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter inside [ceiling/2, ceiling], capped', () => {
    const p = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 10 };
    expect(retryDelay(p, 1, undefined, () => 0)).toBe(50);
    expect(retryDelay(p, 1, undefined, () => 1)).toBe(100);
    expect(retryDelay(p, 3, undefined, () => 1)).toBe(400);
    expect(retryDelay(p, 8, undefined, () => 1)).toBe(1000);
    expect(retryDelay(p, 8, undefined, () => 0)).toBe(500);
  });

  it('honours Retry-After up to its bound and gives up after the last attempt', () => {
    const p = { ...defaultRetryPolicy, maxAttempts: 3, maxRetryAfterMs: 5000 };
    expect(retryDelay(p, 1, 4000)).toBe(4000);
    expect(retryDelay(p, 1, 6000)).toBeUndefined();
    expect(retryDelay(p, 3, undefined)).toBeUndefined();
  });

  it('cancels a wait when the signal aborts', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(sleep(10, AbortSignal.abort())).rejects.toBeDefined();
  });
});
