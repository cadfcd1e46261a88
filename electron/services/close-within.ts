/**
 * Waits for `closing` for at most `timeoutMs`, then goes on anyway (calling `onLate`): quitting
 * must not hang on a registry that stops answering while transfers are cancelled.
 */
export async function closeWithin(closing: Promise<void>, timeoutMs: number, onLate: () => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      onLate();
      resolve();
    }, timeoutMs);
  });
  try {
    await Promise.race([closing, late]);
  } finally {
    clearTimeout(timer);
  }
}
