import { describe, expect, it } from 'vitest';
import { droppedPaths } from './drop-watch';

describe('droppedPaths', () => {
  it('collects the OS path of every dropped file', () => {
    const files = [{ name: 'a' }, { name: 'b' }];
    expect(droppedPaths({ dataTransfer: { files } }, (f) => `/home/u/${(f as { name: string }).name}`)).toEqual(['/home/u/a', '/home/u/b']);
  });
  it('skips files without a path (an in-page drag) and drops without files', () => {
    const files = [{ name: 'a' }, { name: 'b' }];
    const pathFor = (f: unknown) => {
      if ((f as { name: string }).name === 'a') throw new Error('not a file');
      return '';
    };
    expect(droppedPaths({ dataTransfer: { files } }, pathFor)).toEqual([]);
    expect(droppedPaths({ dataTransfer: null }, () => '/x')).toEqual([]);
  });
});
