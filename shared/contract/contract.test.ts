import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  calls,
  events,
  type Bridge,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventPayload,
  type Handlers,
  type RegistryStatus,
  type RegistryView,
} from './index';

describe('contract', () => {
  it('types each call end to end so main, preload and renderer cannot drift', () => {
    expectTypeOf<CallInput<'registries.add'>>().toEqualTypeOf<{ url: string; name?: string | undefined; insecure?: boolean | undefined }>();
    expectTypeOf<CallOutput<'registries.add'>>().toEqualTypeOf<RegistryView>();
    expectTypeOf<CallOutput<'registries.ping'>>().toEqualTypeOf<RegistryStatus>();
    expectTypeOf<EventPayload<'registries.changed'>>().toEqualTypeOf<RegistryView[]>();
    expectTypeOf<Parameters<Bridge['call']>[0]>().toEqualTypeOf<CallName>();
    expectTypeOf<ReturnType<Handlers['registries.list']>>().toEqualTypeOf<Promise<RegistryView[]>>();
  });

  it('names every call and event by domain', () => {
    for (const name of [...Object.keys(calls), ...Object.keys(events)]) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    }
  });

  it('rejects unknown fields and bad ids before any service runs', () => {
    expect(calls['registries.add'].input.safeParse({ url: 'x', password: 'p' }).success).toBe(false);
    expect(calls['registries.remove'].input.safeParse({ id: '../../etc' }).success).toBe(false);
    expect(calls['registries.add'].input.safeParse({ url: '   ' }).success).toBe(false);
    expect(calls['registries.add'].input.safeParse({ url: ' ghcr.io ' }).data).toEqual({ url: 'ghcr.io' });
  });
});
