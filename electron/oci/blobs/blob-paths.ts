import { ContractError } from '../../../shared/contract';

const repositoryPattern = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

/** Validates a repository name (distribution spec grammar) before it goes into a URL path. */
export function checkRepository(repository: string): string {
  if (typeof repository !== 'string' || repository.length > 255 || !repositoryPattern.test(repository)) {
    throw new ContractError('invalid-input', `"${String(repository).slice(0, 80)}" is not a valid repository name.`);
  }
  return repository;
}

export const blobPath = (repository: string, digest: string) => `/v2/${repository}/blobs/${digest}`;
export const uploadsPath = (repository: string) => `/v2/${repository}/blobs/uploads/`;

export const pullScope = (repository: string) => `repository:${repository}:pull`;
export const pushScope = (repository: string) => `repository:${repository}:pull,push`;

/** Adds one query parameter to a URL the registry gave, keeping its own query exactly as sent. */
export function appendQuery(url: string, name: string, value: string): string {
  const hashless = url.split('#', 1)[0] ?? url;
  const separator = hashless.includes('?') ? (hashless.endsWith('?') || hashless.endsWith('&') ? '' : '&') : '?';
  return `${hashless}${separator}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}

/** Resolves an upload `Location` (absolute or relative) against the URL that answered. */
export function resolveLocation(location: string | undefined, answeredUrl: string): string {
  if (!location) throw new ContractError('network', 'The registry did not say where to send the upload (no Location header).');
  try {
    const url = new URL(location, answeredUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url.href;
  } catch {
    throw new ContractError('network', 'The registry gave an upload Location that is not a valid http(s) URL.');
  }
}

export { header } from '../headers';
