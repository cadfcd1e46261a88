import { describe, expect, it, vi } from 'vitest';
import { ContractError, type Handlers } from '../../shared/contract';
import type { Logger } from '../log/logger';
import { dispatch } from './dispatch';

const silent: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const ctx = { signal: new AbortController().signal };

function handlers(overrides: Partial<Handlers>): Handlers {
  return overrides as Handlers;
}

describe('dispatch', () => {
  it('refuses an unknown call with invalid-input', async () => {
    const result = await dispatch(handlers({}), 'fs.readFile', {}, ctx, silent);
    expect(result).toEqual({ ok: false, error: { code: 'invalid-input', message: 'Unknown call "fs.readFile".' } });
  });

  it('refuses names inherited from Object.prototype', async () => {
    const result = await dispatch(handlers({}), 'constructor', {}, ctx, silent);
    expect(result.ok).toBe(false);
  });

  it('names the bad field of malformed arguments', async () => {
    const add = vi.fn();
    const result = await dispatch(handlers({ 'registries.add': add }), 'registries.add', { url: 42 }, ctx, silent);
    expect(add).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message).toContain('url');
    }
  });

  it('passes validated arguments and wraps the value', async () => {
    const list = vi.fn(async () => []);
    expect(await dispatch(handlers({ 'registries.list': list }), 'registries.list', undefined, ctx, silent)).toEqual({ ok: true, value: [] });
  });

  it('keeps a ContractError code and message, redacting credentials', async () => {
    const failing = async () => {
      throw new ContractError('unauthorized', 'https://alice:hunter2@example.com refused Bearer abcdefghijklmnop');
    };
    const result = await dispatch(handlers({ 'registries.list': failing }), 'registries.list', {}, ctx, silent);
    expect(result).toEqual({ ok: false, error: { code: 'unauthorized', message: 'https://example.com refused Bearer [redacted]' } });
  });

  it('turns an unexpected error into internal without leaking its text, and logs it', async () => {
    const log = { ...silent, error: vi.fn() };
    const failing = async () => {
      throw new TypeError('secret-ish detail');
    };
    const result = await dispatch(handlers({ 'registries.list': failing }), 'registries.list', {}, ctx, log);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).not.toContain('secret-ish');
    }
    expect(log.error).toHaveBeenCalledOnce();
  });

  it('reports an abort as cancelled', async () => {
    const aborted = async () => {
      throw new DOMException('aborted', 'AbortError');
    };
    const result = await dispatch(handlers({ 'registries.list': aborted }), 'registries.list', {}, ctx, silent);
    expect(result).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled.' } });
  });
});
