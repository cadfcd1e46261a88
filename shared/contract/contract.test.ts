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
  type ArtifactRow,
  type RegistryKind,
  type RegistryStatus,
  type RegistryView,
} from './index';

describe('contract', () => {
  it('types each call end to end so main, preload and renderer cannot drift', () => {
    expectTypeOf<CallInput<'registries.add'>>().toEqualTypeOf<{
      url: string;
      name?: string | undefined;
      kind?: RegistryKind | undefined;
      insecure?: boolean | undefined;
      caCertPath?: string | undefined;
    }>();
    expectTypeOf<CallInput<'logins.login'>>().toHaveProperty('secret');
    expectTypeOf<CallOutput<'logins.login'>>().toEqualTypeOf<RegistryView>();
    expectTypeOf<EventPayload<'catalog.artifacts'>>().toEqualTypeOf<ArtifactRow[]>();
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

  it('keeps secrets out of every output type', () => {
    expectTypeOf<RegistryView>().not.toHaveProperty('password');
    expectTypeOf<RegistryView['accounts'][number]>().not.toHaveProperty('secret');
  });

  it('rejects unknown fields and bad ids before any service runs', () => {
    expect(calls['registries.add'].input.safeParse({ url: 'x', password: 'p' }).success).toBe(false);
    expect(calls['registries.remove'].input.safeParse({ id: '../../etc' }).success).toBe(false);
    expect(calls['registries.add'].input.safeParse({ url: '   ' }).success).toBe(false);
    expect(calls['registries.add'].input.safeParse({ url: ' ghcr.io ' }).data).toEqual({ url: 'ghcr.io' });
  });
});
