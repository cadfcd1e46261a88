/**
 * Copies text: through the async clipboard where the host permits it, else (Electron denies the
 * permission) by selecting the given element's text so the user can press Ctrl+C.
 * Returns 'copied' or 'selected' so the button can say which happened.
 */
export async function copyText(text: string, fallbackTarget?: HTMLElement | null): Promise<'copied' | 'selected'> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    if (fallbackTarget) selectContents(fallbackTarget);
    return 'selected';
  }
}

function selectContents(element: HTMLElement): void {
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}
