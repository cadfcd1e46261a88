const SAFE = /^[A-Za-z0-9@%+=:,./_-]+$/;

/** POSIX shell quoting: safe words stay as they are, anything else goes in single quotes. */
export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
