import { copy, type CopyDestination, type CopySource } from '../../state/copy.svelte';
import { dragTarget, type DragTargetOptions } from '../common/drag-target';

/** The in-page drag type an artifact row carries (files from the OS carry `Files` instead: a publish). */
export const ARTIFACT_DRAG_TYPE = 'application/x-stevedore-artifact';

export function carriesArtifact(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes(ARTIFACT_DRAG_TYPE) ?? false;
}

/** Reads a dragged artifact back, checking its shape: the data could come from another page. */
export function draggedArtifact(data: DataTransfer): CopySource | undefined {
  try {
    const value = JSON.parse(data.getData(ARTIFACT_DRAG_TYPE)) as Partial<CopySource>;
    const ok = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 512;
    if (!ok(value.registryId) || !ok(value.repository) || !ok(value.reference)) return undefined;
    return { registryId: value.registryId, repository: value.repository, reference: value.reference };
  } catch {
    return undefined;
  }
}

/** `use:draggableArtifact={() => source}`: the row can be dragged onto a registry or repository to copy it. */
export function draggableArtifact(node: HTMLElement, source: () => CopySource | undefined): { update(next: () => CopySource | undefined): void; destroy(): void } {
  let current = source;
  node.draggable = true;
  const start = (event: DragEvent) => {
    const what = current();
    if (!what || !event.dataTransfer) return;
    event.dataTransfer.setData(ARTIFACT_DRAG_TYPE, JSON.stringify(what));
    event.dataTransfer.setData('text/plain', `${what.repository}${what.reference.includes(':') ? '@' : ':'}${what.reference}`);
    event.dataTransfer.effectAllowed = 'copy';
  };
  // A list row keeps focus on its listbox by cancelling mousedown, which also stops a drag from
  // starting: the press is kept from the row, and focus is put back on the listbox just after.
  const press = (event: MouseEvent) => {
    if (event.button !== 0 || !current()) return;
    event.stopPropagation();
    const list = node.closest<HTMLElement>('[role="listbox"]');
    if (list) setTimeout(() => list.focus({ preventScroll: true }), 0);
  };
  node.addEventListener('dragstart', start);
  node.addEventListener('mousedown', press);
  return {
    update: (next) => (current = next),
    destroy() {
      node.removeEventListener('dragstart', start);
      node.removeEventListener('mousedown', press);
    },
  };
}

/**
 * `use:copyDropTarget={() => destination}`: an artifact row dropped here opens "Copy to…" with this
 * destination filled in. Files from the OS are left to the publish drop target on the same element.
 */
export function copyDropTarget(node: HTMLElement, destination: () => CopyDestination | undefined): { update(next: () => CopyDestination | undefined): void; destroy(): void } {
  const options = (where: () => CopyDestination | undefined): DragTargetOptions<CopyDestination> => ({
    carries: carriesArtifact,
    where,
    onDrop: (event, at) => {
      const what = draggedArtifact(event.dataTransfer);
      if (what) copy.openFor(what, at);
    },
  });
  const action = dragTarget(node, options(destination));
  return { update: (next) => action.update(options(next)), destroy: () => action.destroy() };
}
