export interface DragTargetOptions<T> {
  /** Whether the drag carries what this target takes (files from the OS, an artifact row). */
  carries: (event: DragEvent) => boolean;
  /** What a drop here means; undefined while the element takes nothing. */
  where: () => T | undefined;
  /** Called once for a drop this target handled. */
  onDrop: (event: DragEvent & { dataTransfer: DataTransfer }, where: T) => void;
}

export interface DragTargetAction<T> {
  update(next: DragTargetOptions<T>): void;
  destroy(): void;
}

/**
 * An element that takes a kind of drag: it carries `data-drop-active` while such a drag hovers it,
 * and handles the drop. The innermost target wins: it marks the events handled (`defaultPrevented`),
 * and a target around it then lets its highlight go and leaves the drop alone.
 */
export function dragTarget<T>(node: HTMLElement, options: DragTargetOptions<T>): DragTargetAction<T> {
  let current = options;
  let depth = 0;
  const set = (active: boolean) => {
    if (active) node.dataset.dropActive = 'true';
    else delete node.dataset.dropActive;
  };
  const takes = (event: DragEvent) => current.carries(event) && current.where() !== undefined;
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
    if (!takes(event)) return;
    depth += 1;
    claim(event);
  };
  const over = (event: DragEvent) => {
    if (!takes(event)) return;
    if (claim(event) && event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const leave = (event: DragEvent) => {
    if (!current.carries(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) set(false);
  };
  const drop = (event: DragEvent) => {
    if (!current.carries(event)) return;
    depth = 0;
    set(false);
    const where = current.where();
    if (!event.dataTransfer || where === undefined || event.defaultPrevented) return;
    // Handled: outer targets (the window's zone) see defaultPrevented and leave it alone.
    event.preventDefault();
    current.onDrop(event as DragEvent & { dataTransfer: DataTransfer }, where);
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
