import { basename } from 'node:path';
import type { Descriptor } from '../oci/manifests/manifest-types';
import { parseReference, repositoryProblem, tagProblem } from '../oci/reference/reference';
import { REF_NAME } from '../store/layout-index';

/** One repository of an opened layout: its tags, and the manifests listed without a tag. */
export interface LayoutRepositoryEntries {
  tags: Map<string, Descriptor>;
  untagged: Descriptor[];
}

/**
 * The repositories an index.json names. A ref name that is a bare tag (`latest`, skopeo's
 * `oci:dir:tag`) belongs to the repository named after the folder or archive; a full reference
 * (`docker.io/library/alpine:3.19`, as containerd and buildkit's `name=` write it) becomes its own
 * repository and tag. An entry without a ref name, or with one that is neither, is kept untagged in
 * the folder's repository (reachable by digest). For a name listed twice the last entry wins, as in
 * oras-go's resolver.
 */
export function splitRepositories(manifests: readonly Descriptor[], defaultRepository: string): Map<string, LayoutRepositoryEntries> {
  const repositories = new Map<string, LayoutRepositoryEntries>();
  const entriesOf = (name: string): LayoutRepositoryEntries => {
    let found = repositories.get(name);
    if (!found) repositories.set(name, (found = { tags: new Map(), untagged: [] }));
    return found;
  };
  for (const entry of manifests) {
    const refName = entry.annotations?.[REF_NAME];
    const plainEntry: Descriptor = { mediaType: entry.mediaType, digest: entry.digest, size: entry.size };
    if (refName !== undefined && tagProblem(refName) === undefined) {
      entriesOf(defaultRepository).tags.set(refName, plainEntry);
      continue;
    }
    const full = refName === undefined ? undefined : fullReference(refName);
    if (full?.tag !== undefined) entriesOf(full.repository).tags.set(full.tag, plainEntry);
    else entriesOf(full?.repository ?? defaultRepository).untagged.push(plainEntry);
  }
  return repositories;
}

function fullReference(refName: string): { repository: string; tag?: string } | undefined {
  try {
    const ref = parseReference(refName, { defaultTag: false });
    return { repository: ref.repository, ...(ref.tag !== undefined ? { tag: ref.tag } : {}) };
  } catch {
    return undefined;
  }
}

/** A repository name from a folder's or archive's name: `My Images.tar` → `my-images`. */
export function repositoryNameFor(path: string): string {
  const base = basename(path).replace(/\.(tar|oci|tar\.gz|tgz)$/i, '');
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 100)
    .replace(/[._-]+$/, '');
  return name !== '' && repositoryProblem(name) === undefined ? name : 'layout';
}
