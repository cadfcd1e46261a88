import { describe, expect, it } from 'vitest';
import type { WalkedNode } from '../model';
import { compareNames, escapesFolder, unreadable } from './walk-folder';

const link = (rel: string, target: string): WalkedNode => ({ rel, type: 'symlink', size: 0, mtimeMs: 0, target });

describe('escapesFolder', () => {
  it('a link is inside when its target stays under the dropped folder', () => {
    expect(escapesFolder(link('a', 'b.txt'))).toBe(false);
    expect(escapesFolder(link('sub/a', '../b.txt'))).toBe(false);
    expect(escapesFolder(link('sub/a', './../sub/../b'))).toBe(false);
  });
  it('absolute targets and `..` past the top escape', () => {
    expect(escapesFolder(link('a', '/etc/passwd'))).toBe(true);
    expect(escapesFolder(link('a', '../x'))).toBe(true);
    expect(escapesFolder(link('sub/a', '../../x'))).toBe(true);
    expect(escapesFolder(link('sub/a', 'y/../../../x'))).toBe(true);
  });
});

describe('unreadable', () => {
  it('says what happened to the file, by name, and what to do', () => {
    expect(unreadable('site/a.txt', { code: 'EACCES' }).message).toBe('site/a.txt cannot be read (permission denied); fix its permissions or leave it out.');
    expect(unreadable('site/a.txt', { code: 'EACCES' }).code).toBe('denied');
    expect(unreadable('gone.txt', { code: 'ENOENT' }).message).toBe('gone.txt is no longer there (it was moved or deleted); drop it again.');
    expect(unreadable('x', { code: 'EIO' }).message).toBe('x cannot be read (EIO).');
  });
});

describe('compareNames', () => {
  it('orders by UTF-8 bytes, as Go sorts names (upper case before lower, astral after BMP)', () => {
    expect(['b', 'B', 'a', '\u{1F600}', '\uFF5E'].sort(compareNames)).toEqual(['B', 'a', 'b', '\uFF5E', '\u{1F600}']);
  });
});
