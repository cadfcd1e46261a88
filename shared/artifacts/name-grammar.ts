// The distribution spec's grammars as plain patterns, so the renderer can check names as the user
// types without zod (whose eval probe the page's CSP reports, and which it does not need).

/** Lower-case path components separated by `/`, at most 255 characters. */
const REPOSITORY_NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha(256:[a-f0-9]{64}|512:[a-f0-9]{128})$/;

export function isRepositoryName(value: string): boolean {
  return value.length >= 1 && value.length <= 255 && REPOSITORY_NAME.test(value);
}

export function isTagName(value: string): boolean {
  return TAG_NAME.test(value);
}

export function isDigestString(value: string): boolean {
  return DIGEST.test(value);
}
