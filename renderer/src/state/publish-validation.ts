import { isMediaType } from '../../../shared/artifacts/media-type-syntax';
import { isRepositoryName, isTagName } from '../../../shared/artifacts/name-grammar';

/**
 * Why a name the user is typing breaks its grammar, in words (the spec's grammars decide, as the contract's schemas do;
 * these explain). Each returns null when the value is valid.
 */
export function repositoryProblem(name: string): string | null {
  if (name === '') return 'Enter a repository name, e.g. team/app.';
  if (isRepositoryName(name)) return null;
  if (name.length > 255) return 'A repository name has at most 255 characters.';
  if (/[A-Z]/.test(name)) return 'Repository names are lower case (the registry spec allows a–z, 0–9, . _ - and /).';
  const bad = /[^a-z0-9._/-]/.exec(name)?.[0];
  if (bad) return `"${bad}" is not allowed in a repository name (a–z, 0–9, . _ - and / only).`;
  for (const part of name.split('/')) {
    if (part === '') return 'Each part between slashes needs a name (no leading, trailing or double slash).';
    if (!/^[a-z0-9]/.test(part) || !/[a-z0-9]$/.test(part)) return `"${part}" must start and end with a letter or digit.`;
    if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(part)) return `"${part}": between letters use one ".", one or two "_", or dashes.`;
  }
  return 'Not a valid repository name.';
}

export function tagProblem(tag: string): string | null {
  if (isTagName(tag)) return null;
  if (tag === '') return 'A tag cannot be empty.';
  if (tag.length > 128) return `"${tag.slice(0, 20)}…" is longer than 128 characters.`;
  if (/^[.-]/.test(tag)) return `"${tag}" cannot start with "." or "-".`;
  if (tag.includes('+')) return `"${tag}": "+" is not allowed in a tag (Helm writes it as "_").`;
  const bad = /[^A-Za-z0-9_.-]/.exec(tag)?.[0] ?? '';
  return `"${tag}": "${bad}" is not allowed in a tag (letters, digits, _ . - only).`;
}

export function mediaTypeProblem(value: string): string | null {
  const valid: boolean = isMediaType(value); // a type guard: narrowing `value` would leave `never` below
  if (valid) return null;
  if (value === '') return 'Enter a media type, e.g. application/vnd.example.config.v1+json.';
  if (!value.includes('/')) return `"${value}" needs a type and a subtype: type/subtype.`;
  if (value.length > 255) return 'A media type has at most 255 characters.';
  return `"${value}" is not a media type: type/subtype, letters, digits and ! # $ & ^ _ . + - only.`;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function timestampProblem(value: string): string | null {
  if (RFC3339.test(value) && !Number.isNaN(Date.parse(value))) return null;
  return 'Use an RFC 3339 time, e.g. 2024-01-02T03:04:05Z.';
}

/** Tags as typed: separated by commas or spaces, duplicates dropped, order kept. */
export function splitTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((t) => t !== ''))];
}
