import { isTagName } from '../../../../../shared/artifacts/name-grammar';
import { MAX_RETAG_TAGS } from '../../../../../shared/contract/constants';

export { MAX_RETAG_TAGS };

/** Tags as typed: separated by spaces or commas, duplicates dropped. */
export function parseRetagTags(text: string): string[] {
  const tags = text.split(/[\s,]+/).filter((t) => t.length > 0);
  return tags.filter((t, i) => tags.indexOf(t) === i);
}

/** What is wrong with the tags as typed (the tag grammar the contract's schema checks too), or undefined when they can be sent. */
export function retagProblem(tags: readonly string[]): string | undefined {
  if (tags.length === 0) return 'Name at least one tag.';
  if (tags.length > MAX_RETAG_TAGS) return `At most ${MAX_RETAG_TAGS} tags at once.`;
  const bad = tags.find((t) => !isTagName(t));
  if (bad !== undefined) return `“${bad.slice(0, 40)}” is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -).`;
  return undefined;
}

/** Tags that already name another artifact in this repository: the retag moves them. */
export function movedTags(tags: readonly string[], existing: readonly string[], current: string): string[] {
  return tags.filter((t) => t !== current && existing.includes(t));
}
