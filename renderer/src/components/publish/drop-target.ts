import type { PublishTarget } from '../../../../shared/contract';
import { publish } from '../../state/publish.svelte';

/** Files from the OS carry the "Files" type; an in-page drag (text, a link) does not. */
export function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * `use:dropTarget={() => target}`: files dropped on this element open the publish panel with the
 * target filled in from where they landed. The innermost target wins (it marks the drop handled;
 * the window's zone is the last resort). While files hover, the element carries `data-drop-active` for its highlight.
 */
export function dropTarget(node: HTMLElement, target: () => PublishTarget | undefined): { update(next: () => PublishTarget | undefined): void; destroy(): void } {
  let current = target;
  let depth = 0;
  const set = (active: boolean) => {
    if (active) node.dataset.dropActive = 'true';
    else delete node.dataset.dropActive;
  };
  // A target inside this one (a tag row in a repository) claims the event first: then only it lights up.
  const claim = (event: DragEvent): boolean => {
    if (event.defaultPrevented) {
      set(false);
      return false;
    }
    event.preventDefault();
    set(true);
    return true;
  };
  const enter = (event: DragEvent) => {
    if (!carriesFiles(event) || !current()) return;
    depth += 1;
    claim(event);
  };
  const over = (event: DragEvent) => {
    if (!carriesFiles(event) || !current()) return;
    if (claim(event) && event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const leave = () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) set(false);
  };
  const drop = (event: DragEvent) => {
    const where = current();
    depth = 0;
    set(false);
    if (!event.dataTransfer || !carriesFiles(event) || !where || event.defaultPrevented) return;
    // Handled: outer targets (the window's zone) see defaultPrevented and leave it alone.
    event.preventDefault();
    void publish.fromDrop(event.dataTransfer, where);
  };
  node.addEventListener('dragenter', enter);
  node.addEventListener('dragover', over);
  node.addEventListener('dragleave', leave);
  node.addEventListener('drop', drop);
  return {
    update: (next) => (current = next),
    destroy() {
      node.removeEventListener('dragenter', enter);
      node.removeEventListener('dragover', over);
      node.removeEventListener('dragleave', leave);
      node.removeEventListener('drop', drop);
    },
  };
}
