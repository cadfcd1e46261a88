import { describe, expect, it } from 'vitest';
import { CATALOG_SCOPE, mergeScopes, mountScopes, pullScope, pushScope } from './scopes';

describe('scopes', () => {
  it('spells pull, push and mount scopes as Distribution asks for them', () => {
    expect(pullScope('a/b')).toBe('repository:a/b:pull');
    expect(pushScope('a/b')).toBe('repository:a/b:push,pull');
    expect(mountScopes('t/x', 's/y')).toEqual(['repository:t/x:push,pull', 'repository:s/y:pull']);
    expect(CATALOG_SCOPE).toBe('registry:catalog:*');
  });

  it('merges actions per resource into one sorted spelling', () => {
    expect(mergeScopes(['repository:a:pull'], 'repository:a:push repository:b:pull', [CATALOG_SCOPE])).toEqual([
      'registry:catalog:*',
      'repository:a:push,pull',
      'repository:b:pull',
    ]);
    expect(mergeScopes(['repository:a:pull', 'repository:a:pull'])).toEqual(['repository:a:pull']);
  });

  it('refuses an invalid repository name before building a scope', () => {
    expect(() => pullScope('A/B')).toThrow(/lowercase/);
  });
});
