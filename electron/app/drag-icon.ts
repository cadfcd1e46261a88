/**
 * The picture under the pointer while files are dragged out of the window: the app icon at 64×64
 * (build/icons/make-icon.mjs's shapes, sampled every 8 pixels). Inline, because build/icons is not
 * in the packaged app, and macOS refuses a drag with an empty image.
 */
export const DRAG_ICON_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAAAqElEQVR42u3byxFAQBAFQDFIQAJiEYQspCAiIcmCs1KF9V27/arm5PT6uGaKQkRCUjXdFPNkWfpRjL+WvwXh7+UvIaRS/hRCauWDEFItfxgBQM4AqZffRQAAAAAAAAAAbM7Y11EPgK8AhrZczNvfAQAAAAAAAAAAAAAAAAAAAAAAAAAA4FEUgB8jAAAAAAAAAAC7gjZFAdgYz/1mwMmMoylncw4nRWSVGQUsF7tparuXAAAAAElFTkSuQmCC';
