import { ContractError } from '../contract/errors';
import { isDigest } from './digest';

/** Where an artifact lives: what copyable commands and displayed references are built from. */
export interface ArtifactRef {
  /** Registry host with optional port, e.g. `ghcr.io`, `127.0.0.1:5000`, `registry-1.docker.io`. */
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export function isDockerHub(registry: string): boolean {
  return DOCKER_HUB_HOSTS.has(registry.toLowerCase());
}

/** Checks every part; refuses with a message that names the bad part. */
export function validateRef(ref: ArtifactRef): ArtifactRef {
  if (typeof ref.registry !== 'string' || ref.registry.length > 260 || !HOST.test(ref.registry)) {
    throw new ContractError('invalid-input', 'The registry address is not a valid host name.');
  }
  const repo = ref.repository;
  if (typeof repo !== 'string' || repo.length === 0 || repo.length > 255 || !repo.split('/').every((c) => PATH_COMPONENT.test(c))) {
    throw new ContractError('invalid-input', 'The repository name is not valid: use lowercase letters, digits and separators.');
  }
  if (ref.tag !== undefined && !TAG.test(ref.tag)) {
    throw new ContractError('invalid-input', 'The tag is not valid: at most 128 letters, digits, _ . and -.');
  }
  if (ref.digest !== undefined && !isDigest(ref.digest)) {
    throw new ContractError('invalid-input', 'The digest is not valid, e.g. sha256: followed by 64 hex digits.');
  }
  if (ref.tag === undefined && ref.digest === undefined) {
    throw new ContractError('invalid-input', 'A reference needs a tag or a digest.');
  }
  return ref;
}

/** Docker Hub as users write it: `docker.io`, with `library/` for official images. */
export function normaliseForDisplay(ref: ArtifactRef): ArtifactRef {
  if (!isDockerHub(ref.registry)) return { ...ref, registry: ref.registry.toLowerCase() };
  const repository = ref.repository.includes('/') ? ref.repository : `library/${ref.repository}`;
  return { ...ref, registry: 'docker.io', repository };
}

/** `:tag` or `@digest` (a pinned digest wins when asked for, or when there is no tag). */
export function suffix(ref: ArtifactRef, pinDigest = false): string {
  if (ref.digest && (pinDigest || !ref.tag)) return `@${ref.digest}`;
  return `:${ref.tag ?? ''}`;
}

/** The full reference, e.g. `docker.io/library/redis:7` or `ghcr.io/o/r@sha256:…`. */
export function displayReference(ref: ArtifactRef, pinDigest = false): string {
  const r = normaliseForDisplay(validateRef(ref));
  return `${r.registry}/${r.repository}${suffix(r, pinDigest)}`;
}

/** Docker's short form: `redis:7` for official images, `owner/name:tag` for other Hub images. */
export function familiarReference(ref: ArtifactRef, pinDigest = false): string {
  const r = normaliseForDisplay(validateRef(ref));
  if (r.registry !== 'docker.io') return `${r.registry}/${r.repository}${suffix(r, pinDigest)}`;
  const name = r.repository.startsWith('library/') ? r.repository.slice('library/'.length) : r.repository;
  return `${name}${suffix(r, pinDigest)}`;
}
