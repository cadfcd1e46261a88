import { ContractError } from '../../../shared/contract';
import { digestProblem } from './digest';

export interface Reference {
  /** The registry as users name it, e.g. `docker.io`, `ghcr.io`, `127.0.0.1:5000`. */
  registry: string;
  /** The host to connect to (`registry-1.docker.io` for Docker Hub). */
  host: string;
  /** The repository path, e.g. `library/redis`. */
  repository: string;
  tag?: string;
  digest?: string;
}

export const DOCKER_HUB = 'docker.io';
export const DOCKER_HUB_HOST = 'registry-1.docker.io';
export const MAX_NAME_LENGTH = 255;
export const MAX_TAG_LENGTH = 128;

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DOMAIN_LABEL = /^(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;

function invalid(input: string, why: string): never {
  throw new ContractError('invalid-input', `"${input.slice(0, 300)}" is not a valid reference: ${why}.`);
}

function looksLikeDomain(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
}

export function tagProblem(tag: string): string | undefined {
  if (tag.length === 0) return 'the tag is empty';
  if (tag.length > MAX_TAG_LENGTH) return `the tag is longer than ${MAX_TAG_LENGTH} characters`;
  if (!TAG.test(tag)) return `the tag "${tag.slice(0, 40)}" may only hold letters, digits, "_", "." and "-", and not start with "." or "-"`;
  return undefined;
}

export function repositoryProblem(repository: string): string | undefined {
  if (repository.length === 0) return 'the repository name is empty';
  if (repository.length > MAX_NAME_LENGTH) return `the repository name is longer than ${MAX_NAME_LENGTH} characters`;
  for (const component of repository.split('/')) {
    if (component !== component.toLowerCase()) return `"${component.slice(0, 40)}" must be lowercase`;
    if (!COMPONENT.test(component)) {
      return component === ''
        ? 'the repository name has an empty path component'
        : `"${component.slice(0, 40)}" may only hold lowercase letters, digits and single separators (".", "_", "__", "-")`;
    }
  }
  return undefined;
}

function domainProblem(domain: string): string | undefined {
  const match = /^(.*?)(?::(\d{1,5}))?$/.exec(domain);
  const hostname = match?.[1] ?? '';
  const port = match?.[2];
  if (port !== undefined && Number(port) > 65535) return `the port ${port} is out of range`;
  if (IPV6.test(hostname)) return undefined;
  if (hostname === '' || !hostname.split('.').every((label) => DOMAIN_LABEL.test(label))) return `"${domain.slice(0, 80)}" is not a valid registry host`;
  return undefined;
}

/**
 * Parses a reference the way Docker and Distribution do: `redis` is `docker.io/library/redis:latest`,
 * the first path component is a registry when it has a ".", a ":" or is `localhost`.
 */
export function parseReference(input: string, options: { defaultTag?: string | false } = {}): Reference {
  const text = input.trim();
  if (text.length === 0) invalid(input, 'it is empty');
  if (text.length > 1024) invalid(input, 'it is too long');
  if (/[\s]/.test(text)) invalid(input, 'it contains white space');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) invalid(input, 'leave out the scheme (https://); write host/repository:tag');

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const problem = digestProblem(digest);
    if (problem) invalid(input, `the digest ${problem}`);
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    const problem = tagProblem(tag);
    if (problem) invalid(input, problem);
  }

  const slash = rest.indexOf('/');
  let registry = DOCKER_HUB;
  let repository = rest;
  if (slash >= 0 && looksLikeDomain(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    repository = rest.slice(slash + 1);
    const problem = domainProblem(registry);
    if (problem) invalid(input, problem);
  } else if (slash < 0 && looksLikeDomain(rest) && rest !== rest.toLowerCase()) {
    invalid(input, `"${rest.slice(0, 80)}" must be lowercase`);
  }
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;

  const problem = repositoryProblem(repository);
  if (problem) invalid(input, problem);

  if (tag === undefined && digest === undefined && options.defaultTag !== false) tag = options.defaultTag ?? 'latest';
  const host = registry === DOCKER_HUB ? DOCKER_HUB_HOST : registry;
  return { registry, host, repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** `registry/repository[:tag][@digest]`, the fully qualified form. */
export function formatReference(ref: Reference): string {
  return `${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/** Validates a repository name before any request is built with it. */
export function assertRepository(repository: string): string {
  const problem = repositoryProblem(repository);
  if (problem) throw new ContractError('invalid-input', `"${repository.slice(0, 300)}" is not a valid repository name: ${problem}.`);
  return repository;
}

export function assertTag(tag: string): string {
  const problem = tagProblem(tag);
  if (problem) throw new ContractError('invalid-input', `"${tag.slice(0, 140)}" is not a valid tag: ${problem}.`);
  return tag;
}
