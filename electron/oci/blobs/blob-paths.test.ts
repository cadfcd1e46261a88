import { describe, expect, it } from 'vitest';
import { appendQuery, checkRepository, resolveLocation } from './blob-paths';

describe('appendQuery', () => {
  it('adds a query to a URL without one', () => {
    expect(appendQuery('http://r/v2/a/blobs/uploads/u1', 'digest', 'sha256:ab')).toBe('http://r/v2/a/blobs/uploads/u1?digest=sha256%3Aab');
  });
  it('keeps an existing query byte for byte and appends with &', () => {
    const location = 'http://r/v2/a/blobs/uploads/u1?_state=a%2Bb%3D%3D';
    expect(appendQuery(location, 'digest', 'sha256:ab')).toBe(`${location}&digest=sha256%3Aab`);
  });
  it('does not double a trailing ? or &', () => {
    expect(appendQuery('http://r/x?', 'd', '1')).toBe('http://r/x?d=1');
    expect(appendQuery('http://r/x?a=1&', 'd', '1')).toBe('http://r/x?a=1&d=1');
  });
});

describe('resolveLocation', () => {
  it('resolves a relative Location against the answering URL', () => {
    expect(resolveLocation('/v2/a/blobs/uploads/u?x=1', 'http://127.0.0.1:5000/v2/a/blobs/uploads/')).toBe(
      'http://127.0.0.1:5000/v2/a/blobs/uploads/u?x=1',
    );
  });
  it('refuses a missing or non-http Location', () => {
    expect(() => resolveLocation(undefined, 'http://r/')).toThrow(/no Location/);
    expect(() => resolveLocation('file:///etc/passwd', 'http://r/')).toThrow(/not a valid http/);
  });
});

describe('checkRepository', () => {
  it('accepts nested names and refuses traversal or uppercase', () => {
    expect(checkRepository('library/redis')).toBe('library/redis');
    expect(() => checkRepository('../etc')).toThrow(/not a valid repository/);
    expect(() => checkRepository('Library/redis')).toThrow(/not a valid repository/);
  });
});
