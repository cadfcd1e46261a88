import { carriesArtifact } from '../copy/artifact-drag';
import { carriesFiles } from '../publish/drop-target';

/**
 * `use:readOnlyDrop={() => name}` on a registry opened read-only: files or an artifact dropped on it
 * are not published or copied there; `onrefused` says why. Marks the drop handled, so the window's
 * drop zone does not take it instead. Does nothing while `name()` is undefined (a writable registry).
 */
export function readOnlyDrop(node: HTMLElement, params: { name: () => string | undefined; onrefused: (message: string) => void }) {
  let current = params;
  const carries = (event: DragEvent) => carriesFiles(event) || carriesArtifact(event);
  const over = (event: DragEvent) => {
    if (current.name() === undefined || !carries(event) || event.defaultPrevented) return;
    // Accepted as a drop only so the refusal can be said where it landed.
    event.preventDefault();
  };
  const drop = (event: DragEvent) => {
    const name = current.name();
    if (name === undefined || !carries(event) || event.defaultPrevented) return;
    event.preventDefault();
    current.onrefused(`${name} was opened read-only: nothing can be published or copied into it. Copy to Local or a registry instead.`);
  };
  node.addEventListener('dragenter', over);
  node.addEventListener('dragover', over);
  node.addEventListener('drop', drop);
  return {
    update: (next: typeof params) => (current = next),
    destroy() {
      node.removeEventListener('dragenter', over);
      node.removeEventListener('dragover', over);
      node.removeEventListener('drop', drop);
    },
  };
}
