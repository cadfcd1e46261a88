import type { PublishTarget } from '../../../../shared/contract';
import { publish } from '../../state/publish.svelte';
import { dragTarget, type DragTargetOptions } from '../common/drag-target';

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
  const options = (where: () => PublishTarget | undefined): DragTargetOptions<PublishTarget> => ({
    carries: carriesFiles,
    where,
    onDrop: (event, at) => void publish.fromDrop(event.dataTransfer, at),
  });
  const action = dragTarget(node, options(target));
  return { update: (next) => action.update(options(next)), destroy: () => action.destroy() };
}
