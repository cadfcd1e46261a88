// @vitest-environment jsdom
import { createRawSnippet, flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import VirtualList from './VirtualList.svelte';

interface Item {
  id: string;
}

const row = createRawSnippet((item: () => Item) => ({ render: () => `<span>${item().id}</span>` }));
let cleanup: (() => void) | undefined;

// jsdom has no layout and no ResizeObserver: a mock that never reports a size (height stays 0).
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

function render(count: number, activated: Item[] = []) {
  const target = document.createElement('div');
  document.body.append(target);
  const items = Array.from({ length: count }, (_, i) => ({ id: `repo-${i}` }));
  const component = mount(VirtualList<Item>, {
    target,
    props: { items, rowHeight: 40, label: 'Repositories', row, onactivate: (item: Item) => activated.push(item), overscan: 5 },
  });
  flushSync();
  cleanup = () => {
    void unmount(component);
    target.remove();
  };
  const listbox = target.querySelector<HTMLElement>('[role="listbox"]');
  if (!listbox) throw new Error('no listbox rendered');
  return { listbox, items };
}

function key(listbox: HTMLElement, name: string): void {
  listbox.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));
  flushSync();
}

afterEach(() => cleanup?.());

describe('VirtualList (jsdom, mock ResizeObserver)', () => {
  it('puts only the visible rows plus overscan in the DOM for 100,000 items, with listbox semantics', () => {
    const { listbox } = render(100_000);
    const options = listbox.querySelectorAll('[role="option"]');
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThan(20);
    expect(listbox.getAttribute('aria-label')).toBe('Repositories');
    expect(options[0]?.getAttribute('aria-setsize')).toBe('100000');
    expect(options[0]?.getAttribute('aria-posinset')).toBe('1');
  });

  it('moves with the arrow keys, Home and End, and activates with Enter', () => {
    const activated: Item[] = [];
    const { listbox } = render(100_000, activated);
    listbox.focus();
    flushSync();
    expect(listbox.querySelector('[aria-selected="true"]')?.textContent).toBe('repo-0');
    key(listbox, 'ArrowDown');
    key(listbox, 'ArrowDown');
    key(listbox, 'ArrowUp');
    expect(listbox.querySelector('[aria-selected="true"]')?.textContent).toBe('repo-1');
    key(listbox, 'End');
    const last = listbox.querySelector('[aria-selected="true"]');
    expect(last?.textContent).toBe('repo-99999');
    expect(listbox.getAttribute('aria-activedescendant')).toBe(last?.id);
    key(listbox, 'Enter');
    expect(activated.map((i) => i.id)).toEqual(['repo-99999']);
    key(listbox, 'Home');
    expect(listbox.querySelector('[aria-selected="true"]')?.textContent).toBe('repo-0');
    expect(listbox.querySelectorAll('[role="option"]').length).toBeLessThan(20);
  });
});
