import { describe, expect, it } from 'vitest';
import { repositoryName, tagName } from '../../../shared/contract/names';
import { mediaTypeProblem, repositoryProblem, splitTags, tagProblem, timestampProblem } from './publish-validation';

describe('repositoryProblem', () => {
  it.each(['app', 'team/app', 'a/b/c-d', 'my_app', 'my__app', 'a--b', 'v1.2/x'])('accepts %j (as the contract does)', (name) => {
    expect(repositoryProblem(name)).toBeNull();
    expect(repositoryName.safeParse(name).success).toBe(true);
  });

  it.each([
    ['', /Enter a repository name/],
    ['Team/App', /lower case/],
    ['team app', /" " is not allowed/],
    ['team:app', /":" is not allowed/],
    ['/app', /needs a name/],
    ['team//app', /needs a name/],
    ['team/', /needs a name/],
    ['-app', /start and end with a letter or digit/],
    ['app.', /start and end with a letter or digit/],
    ['a..b', /one "\."/],
    ['a___b', /one "\."/],
    ['a'.repeat(256), /at most 255/],
  ])('explains %j', (name, reason) => {
    expect(repositoryProblem(name)).toMatch(reason);
    expect(repositoryName.safeParse(name).success).toBe(false);
  });
});

describe('tagProblem', () => {
  it.each(['latest', 'v1.0.0', '1.2.3-rc.1', '_x', 'A_b-c.d'])('accepts %j', (tag) => {
    expect(tagProblem(tag)).toBeNull();
    expect(tagName.safeParse(tag).success).toBe(true);
  });

  it.each([
    ['', /empty/],
    ['.hidden', /cannot start/],
    ['-x', /cannot start/],
    ['1.0.0+build', /Helm writes it as "_"/],
    ['a/b', /"\/" is not allowed/],
    ['x'.repeat(129), /longer than 128/],
  ])('explains %j', (tag, reason) => {
    expect(tagProblem(tag)).toMatch(reason);
  });
});

describe('mediaTypeProblem and timestampProblem', () => {
  it('accepts real media types and explains broken ones', () => {
    expect(mediaTypeProblem('application/vnd.cncf.helm.config.v1+json')).toBeNull();
    expect(mediaTypeProblem('text/plain')).toBeNull();
    expect(mediaTypeProblem('textplain')).toMatch(/type\/subtype/);
    expect(mediaTypeProblem('text/pl ain')).toMatch(/is not a media type/);
    expect(mediaTypeProblem('')).toMatch(/Enter a media type/);
  });

  it('takes RFC 3339 times only', () => {
    expect(timestampProblem('2024-01-02T03:04:05Z')).toBeNull();
    expect(timestampProblem('2024-01-02T03:04:05.123+02:00')).toBeNull();
    expect(timestampProblem('2024-01-02')).toMatch(/RFC 3339/);
    expect(timestampProblem('2024-13-45T99:00:00Z')).toMatch(/RFC 3339/);
  });
});

describe('splitTags', () => {
  it('splits on commas and spaces, drops empties and duplicates, keeps order', () => {
    expect(splitTags(' v1, latest  v1,,stable ')).toEqual(['v1', 'latest', 'stable']);
    expect(splitTags('')).toEqual([]);
  });
});
