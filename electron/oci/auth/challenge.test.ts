import { describe, expect, it } from 'vitest';
import { parseChallenges, pickChallenge } from './challenge';

describe('parseChallenges', () => {
  it('reads a Distribution Bearer challenge with its scope and error', () => {
    const [c] = parseChallenges('Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push",error="insufficient_scope"');
    expect(c).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example.com/token', service: 'registry.example.com', scope: 'repository:a/b:pull,push', error: 'insufficient_scope' },
    });
  });

  it('reads several challenges in one header and across headers', () => {
    const list = parseChallenges(['Basic realm="Registry Realm", Bearer realm="https://t/x", service=reg', 'Negotiate abc123==, Digest realm=x']);
    expect(list.map((c) => c.scheme)).toEqual(['basic', 'bearer', 'negotiate', 'digest']);
    expect(list[1]!.params).toEqual({ realm: 'https://t/x', service: 'reg' });
    expect(list[2]!.token68).toBe('abc123==');
    expect(list[3]!.params.realm).toBe('x');
  });

  it('unescapes quoted strings and keeps commas and spaces inside them', () => {
    const [c] = parseChallenges('Bearer realm="https://t/a,b", scope="repository:x:pull repository:y:pull", note="say \\"hi\\" \\\\ ok"');
    expect(c!.params).toEqual({ realm: 'https://t/a,b', scope: 'repository:x:pull repository:y:pull', note: 'say "hi" \\ ok' });
  });

  it('lowercases scheme and parameter names, not values', () => {
    const [c] = parseChallenges('BEARER Realm="https://T/x"');
    expect(c).toEqual({ scheme: 'bearer', params: { realm: 'https://T/x' } });
  });

  it('drops an unterminated quoted value instead of guessing', () => {
    const [c] = parseChallenges('Bearer realm="https://t/x", service="unterminated');
    expect(c!.params).toEqual({ realm: 'https://t/x' });
  });

  it('prefers Bearer over Basic and ignores unknown schemes', () => {
    expect(pickChallenge(parseChallenges('Basic realm="r", Bearer realm="https://t"'))!.scheme).toBe('bearer');
    expect(pickChallenge(parseChallenges('Negotiate x'))).toBeUndefined();
    expect(parseChallenges(undefined)).toEqual([]);
  });
});
