import { describe, expect, it } from 'vitest';
import { movedTags, parseRetagTags, retagProblem } from './retag-form';

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

  it('refuses more than 50 tags at once', () => {
    expect(retagProblem(Array.from({ length: 51 }, (_, i) => `t${i}`))).toBe('At most 50 tags at once.');
    expect(retagProblem(Array.from({ length: 50 }, (_, i) => `t${i}`))).toBeUndefined();
  });

  it('names the tags that move from another artifact', () => {
    expect(movedTags(['v1', 'new', 'stable'], ['v1', 'stable', 'old'], 'v1')).toEqual(['stable']);
  });
});
