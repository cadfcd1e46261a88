import { describe, expect, it } from 'vitest';
import { resolveCreated } from './created';

const now = () => new Date('2025-06-07T08:09:10.123Z');

describe('resolveCreated', () => {
  it('now: RFC 3339 in UTC with whole seconds, as oras push writes it', () => {
    expect(resolveCreated({ mode: 'now' }, now, undefined)).toEqual({ value: '2025-06-07T08:09:10Z' });
  });
  it('SOURCE_DATE_EPOCH pins the default', () => {
    expect(resolveCreated({ mode: 'now' }, now, '1700000000')).toEqual({ value: '2023-11-14T22:13:20Z' });
    expect(resolveCreated({ mode: 'now' }, now, 'yesterday').problem).toMatch(/SOURCE_DATE_EPOCH is "yesterday"/);
  });
  it('off leaves it out; pinned keeps a valid RFC 3339 time and names a bad one', () => {
    expect(resolveCreated({ mode: 'off' }, now, '1700000000')).toEqual({ value: undefined });
    expect(resolveCreated({ mode: 'pinned', value: '2024-01-31T12:00:00+01:00' }, now, undefined)).toEqual({ value: '2024-01-31T12:00:00+01:00' });
    expect(resolveCreated({ mode: 'pinned', value: '31/01/2024' }, now, undefined).problem).toMatch(/"31\/01\/2024" is not an RFC 3339 time/);
  });
});
