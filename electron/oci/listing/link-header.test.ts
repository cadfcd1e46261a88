import { describe, expect, it } from 'vitest';
import { nextLink, parseLinkHeader } from './link-header';

const base = 'http://127.0.0.1:5000/v2/_catalog?n=2';

describe('Link header', () => {
  it('resolves Distribution’s relative next link against the request URL', () => {
    expect(nextLink('</v2/_catalog?last=b&n=2>; rel="next"', base)).toBe('http://127.0.0.1:5000/v2/_catalog?last=b&n=2');
  });

  it('reads several links, unquoted and multi-valued rel, and other params', () => {
    const links = parseLinkHeader('<https://a/1>; rel=prev; title="x, y", <https://a/2>; type="t"; rel="next last"', base);
    expect(links).toEqual([
      { url: 'https://a/1', rel: ['prev'] },
      { url: 'https://a/2', rel: ['next', 'last'] },
    ]);
    expect(nextLink(['<https://a/0>; rel="prev"', '<https://a/3>; rel="NEXT"'], base)).toBe('https://a/3');
  });

  it('returns nothing for absent or malformed headers', () => {
    expect(nextLink(undefined, base)).toBeUndefined();
    expect(nextLink('rel="next"', base)).toBeUndefined();
    expect(nextLink('<http://[bad>; rel="next"', base)).toBeUndefined();
  });
});
