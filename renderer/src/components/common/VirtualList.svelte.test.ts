// @vitest-environment jsdom
import { createRawSnippet, flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import VirtualList from './VirtualList.svelte';

interface Item {
  id: string;
}

// jsdom has no layout and no ResizeObserver: a mock that never reports a size (height stays 0).
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const row = createRawSnippet((item: () => Item) => ({
  render: () => '<span></span>',
  setup: (element) => {
    $effect(() => {
      element.textContent = item().id;
    });
  },
}));
const items = (prefix: string, count: number): Item[] => Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}` }));
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('VirtualList rows when the items change (jsdom, mock ResizeObserver)', () => {
  it('reuses the rows on screen for the new items instead of building them again', () => {
    const state = $state({ items: items('repo', 100_000) });
    const target = document.createElement('div');
    document.body.append(target);
    const component = mount(VirtualList<Item>, {
      target,
      props: {
        get items() {
          return state.items;
        },
        rowHeight: 40,
        label: 'Repositories',
        row,
        overscan: 5,
      },
    });
    cleanup = () => {
      void unmount(component);
      target.remove();
    };
    flushSync();
    const before = [...target.querySelectorAll<HTMLElement>('[role="option"]')];
    expect(before.map((o) => o.textContent)).toEqual(['repo-0', 'repo-1', 'repo-2', 'repo-3', 'repo-4', 'repo-5']);

    state.items = items('found', 3);
    flushSync();
    const after = [...target.querySelectorAll<HTMLElement>('[role="option"]')];
    expect(after.map((o) => o.textContent)).toEqual(['found-0', 'found-1', 'found-2']);
    expect(after).toEqual(before.slice(0, 3));
    expect(after.every((o) => o.getAttribute('aria-setsize') === '3')).toBe(true);

    state.items = items('repo', 100_000);
    flushSync();
    expect([...target.querySelectorAll('[role="option"]')].map((o) => o.textContent)).toEqual(before.map((_, i) => `repo-${i}`));
  });
});
