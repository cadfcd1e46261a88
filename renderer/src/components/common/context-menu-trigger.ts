/** Where a context menu was asked for: the element it is about, the point to open at, where focus goes back. */
export interface MenuOpening {
  element: Element;
  x: number;
  y: number;
  returnTo: HTMLElement | null;
}

/** Opens the menu when `open` finds something to offer there; false leaves the browser's own menu. */
export type OpenMenu = (opening: MenuOpening) => boolean;

/**
 * Asks for a context menu on a right-click, the ContextMenu key or Shift+F10. From the keyboard the
 * menu is about the focused element, or, for a listbox that keeps focus itself, its active option
 * (aria-activedescendant), and opens below it.
 */
export function contextMenuTrigger(node: HTMLElement, open: OpenMenu): { update: (next: OpenMenu) => void; destroy: () => void } {
  let current = open;

  function focusedTarget(focused: HTMLElement): Element {
    const id = focused.getAttribute('aria-activedescendant');
    return (id ? document.getElementById(id) : null) ?? focused;
  }

  function fromKeyboard(focused: HTMLElement): boolean {
    const element = focusedTarget(focused);
    const box = element.getBoundingClientRect();
    return current({ element, x: box.left + 24, y: box.bottom, returnTo: focused });
  }

  function onkeydown(event: KeyboardEvent): void {
    if (event.key !== 'ContextMenu' && !(event.key === 'F10' && event.shiftKey)) return;
    if (event.target instanceof HTMLElement && fromKeyboard(event.target)) event.preventDefault();
  }

  function oncontextmenu(event: MouseEvent): void {
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The ContextMenu key's own event lands on the focused element itself; a click lands inside a row.
    const opened =
      event.target === focused && focused
        ? fromKeyboard(focused)
        : event.target instanceof Element && current({ element: event.target, x: event.clientX, y: event.clientY, returnTo: focused });
    if (opened) event.preventDefault();
  }

  node.addEventListener('keydown', onkeydown);
  node.addEventListener('contextmenu', oncontextmenu);
  return {
    update: (next) => (current = next),
    destroy: () => {
      node.removeEventListener('keydown', onkeydown);
      node.removeEventListener('contextmenu', oncontextmenu);
    },
  };
}
