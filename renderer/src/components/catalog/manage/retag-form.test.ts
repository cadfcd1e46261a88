import { describe, expect, it } from 'vitest';
import { MAX_RETAG_TAGS as CONTRACT_MAX, catalogCalls } from '../../../../../shared/contract/catalog';
import { MAX_RETAG_TAGS, movedTags, parseRetagTags, retagProblem } from './retag-form';

describe('retag form', () => {
  it('splits tags on spaces and commas and drops repeats', () => {
    expect(parseRetagTags(' 1.0, stable  1.0,,latest ')).toEqual(['1.0', 'stable', 'latest']);
  });

  it('accepts tags of the contract grammar and names the first bad one', () => {
    expect(retagProblem(['1.0', 'stable_2', 'A-b.c'])).toBeUndefined();
    expect(retagProblem([])).toBe('Name at least one tag.');
    expect(retagProblem(['ok', '-bad', '.worse'])).toContain('“-bad” is not a valid tag');
    expect(retagProblem(['x'.repeat(129)])).toContain('is not a valid tag');
    expect(retagProblem(['a/b'])).toContain('“a/b”');
  });

  it('agrees with the contract: its limit, and each tag it accepts or refuses', () => {
    expect(MAX_RETAG_TAGS).toBe(CONTRACT_MAX);
    const schema = catalogCalls['catalog.retag'].input;
    for (const tags of [['1.0', 'stable'], ['-bad'], ['a/b'], ['x'.repeat(128)], ['x'.repeat(129)]]) {
      expect(retagProblem(tags) === undefined).toBe(schema.safeParse({ registryId: 'local', repository: 'team/app', reference: 'v1', tags }).success);
    }
  });

  it('refuses more than 50 tags at once', () => {
    expect(retagProblem(Array.from({ length: 51 }, (_, i) => `t${i}`))).toBe('At most 50 tags at once.');
    expect(retagProblem(Array.from({ length: 50 }, (_, i) => `t${i}`))).toBeUndefined();
  });

  it('names the tags that move from another artifact', () => {
    expect(movedTags(['v1', 'new', 'stable'], ['v1', 'stable', 'old'], 'v1')).toEqual(['stable']);
  });
});
