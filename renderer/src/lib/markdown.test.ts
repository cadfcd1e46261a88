import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown';

describe('parseMarkdown', () => {
  it('reads headings, paragraphs, lists, code fences, quotes and rules', () => {
    const blocks = parseMarkdown(['# Demo', '', 'A chart', 'for tests.', '', '- one', '- two', '', '1. first', '', '```yaml', 'a: 1', '```', '> quoted', '', '---'].join('\n'));
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'list', 'code', 'quote', 'rule']);
    expect(blocks[1]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: 'A chart for tests.' }] });
    expect(blocks[2]).toMatchObject({ type: 'list', ordered: false, items: [[{ text: 'one' }], [{ text: 'two' }]] });
    expect(blocks[4]).toEqual({ type: 'code', language: 'yaml', text: 'a: 1' });
  });

  it('keeps raw HTML as visible text, never as markup', () => {
    const blocks = parseMarkdown('<img src=x onerror="alert(1)"> <script>alert(2)</script>');
    expect(blocks).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: '<img src=x onerror="alert(1)"> <script>alert(2)</script>' }] }]);
  });

  it('turns images into their alt text so nothing is fetched', () => {
    expect(parseInline('![badge](https://example.com/b.svg) ok')).toEqual([{ type: 'text', text: 'badge ok' }]);
  });

  it('keeps https links and drops javascript:, data: and relative ones to their text', () => {
    expect(parseInline('[docs](https://helm.sh/docs)')).toEqual([{ type: 'link', href: 'https://helm.sh/docs', children: [{ type: 'text', text: 'docs' }] }]);
    expect(parseInline('[x](javascript:alert%281%29)')).toEqual([{ type: 'text', text: 'x' }]);
    expect(parseInline('[y](data:text/html,hi) [z](/local) [w](http://plain.example)')).toEqual([{ type: 'text', text: 'y z w' }]);
  });

  it('reads emphasis and code inline, and leaves snake_case words alone', () => {
    expect(parseInline('**bold** and *em* and `co*de*`')).toEqual([
      { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
      { type: 'text', text: ' and ' },
      { type: 'em', children: [{ type: 'text', text: 'em' }] },
      { type: 'text', text: ' and ' },
      { type: 'code', text: 'co*de*' },
    ]);
    expect(parseInline('set image_pull_policy here')).toEqual([{ type: 'text', text: 'set image_pull_policy here' }]);
  });

  it('links bare https URLs', () => {
    expect(parseInline('see https://example.com/a.')).toEqual([
      { type: 'text', text: 'see ' },
      { type: 'link', href: 'https://example.com/a', children: [{ type: 'text', text: 'https://example.com/a' }] },
      { type: 'text', text: '.' },
    ]);
  });

  it('bounds a hostile input: huge and deeply nested text parses without blowing the stack', () => {
    const nested = '['.repeat(5000) + 'x' + '](https://a.example)'.repeat(5000);
    expect(() => parseMarkdown(nested + '\n' + '*'.repeat(100_000))).not.toThrow();
    expect(safeHref(' https://a.example/x ')).toBe('https://a.example/x');
  });
});
