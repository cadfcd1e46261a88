/** The parts of a DOM drop event the preload reads (no DOM types in this project's tsconfig). */
export interface DropEventLike {
  dataTransfer: { files: ArrayLike<unknown> } | null;
}

/**
 * The OS paths of the files in a drop, skipping any the host cannot resolve (in-page drags have
 * no path). Main keeps these briefly as the only local paths a call may name.
 */
export function droppedPaths(event: DropEventLike, pathFor: (file: unknown) => string): string[] {
  const files = event.dataTransfer?.files;
  if (!files) return [];
  const paths: string[] = [];
  for (let i = 0; i < files.length; i++) {
    try {
      const p = pathFor(files[i]);
      if (typeof p === 'string' && p !== '') paths.push(p);
    } catch {
      // Not a file from the OS: nothing to allow.
    }
  }
  return paths;
}
