import { ContractError } from '../../shared/contract';
import type { ListOptions } from '../oci/listing/catalog';
import { isDigest } from '../oci/reference/digest';
import { compareTags } from '../oci/listing/tags';
import { parseReference } from '../oci/reference/reference';

/** Sorted tags in pages of `pageSize` after `last`, as a remote repository's are. */
export function* tagPages(sorted: readonly string[], options: ListOptions): Generator<string[]> {
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new ContractError('invalid-input', 'A page size is a whole number of at least 1.');
  const start = options.last === undefined ? 0 : sorted.findIndex((t) => compareTags(t, options.last!) > 0);
  if (start < 0) return;
  for (let i = start; i < sorted.length; i += pageSize) yield sorted.slice(i, i + pageSize);
}

/** A tag, a digest, or a full reference naming this repository: what to resolve in its index. */
export function referenceIn(repository: string, reference: string): string {
  if (isDigest(reference) || !/[/@]/.test(reference)) return reference;
  const ref = parseReference(reference);
  if (ref.repository !== repository) throw new ContractError('invalid-input', `${reference} is not in the repository ${repository}.`);
  return ref.digest ?? ref.tag ?? 'latest';
}
