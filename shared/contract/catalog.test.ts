import { describe, expect, expectTypeOf, it } from 'vitest';
import { calls, type CallOutput, type EventPayload, type TagDate } from './index';

describe('catalog contract: build dates', () => {
  it('streams dates as their own event, the call returning nothing', () => {
    expectTypeOf<EventPayload<'catalog.dates'>>().toEqualTypeOf<TagDate[]>();
    expectTypeOf<CallOutput<'catalog.readDates'>>().toEqualTypeOf<null>();
    expectTypeOf<TagDate>().toHaveProperty('digest').toEqualTypeOf<string>();
  });

  it('asks for dates of valid tags only, 1 to 500 at a time, nothing else', () => {
    const input = calls['catalog.readDates'].input;
    const ref = { registryId: 'local', repository: 'apps/web' };
    expect(input.safeParse({ ...ref, tags: ['1.0', 'latest'] }).success).toBe(true);
    expect(input.safeParse({ ...ref, tags: [] }).success).toBe(false);
    expect(input.safeParse({ ...ref, tags: Array.from({ length: 501 }, (_, i) => `t${i}`) }).success).toBe(false);
    expect(input.safeParse({ ...ref, tags: ['../etc'] }).success).toBe(false);
    expect(input.safeParse({ ...ref, repository: 'Apps/Web', tags: ['1.0'] }).success).toBe(false);
    expect(input.safeParse({ ...ref, tags: ['1.0'], refresh: true }).success).toBe(false);
  });
});
