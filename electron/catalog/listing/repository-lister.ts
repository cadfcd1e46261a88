import type { RepositoryListing } from '../../../shared/contract';
import type { Credential } from '../../oci';

export type ListingSource = Exclude<RepositoryListing['source'], 'pinned'>;

/** Lists a registry's repositories, however that registry offers it. */
export interface RepositoryLister {
  readonly source: ListingSource;
  list(signal?: AbortSignal): Promise<string[]>;
}

export interface ListerContext {
  /** The registry's base URL, e.g. `https://harbor.example.com`. */
  baseUrl: string;
  host: string;
  /** The active login, if any; vendor APIs send it in a header, never in a URL. */
  credential: () => Promise<Credential | undefined>;
  /** Namespaces the user named (from pinned repositories): Docker Hub, Quay, GitLab and GHCR list per namespace. */
  namespaces: string[];
}

/** The registry offers no listing to this user: the UI says what to do instead. */
export class ListingRefused extends Error {
  override readonly name = 'ListingRefused';
}

export const NO_LISTING_ADVICE = 'this registry does not list repositories to you: add them by name with Add repository…';

/** A hard cap on listed names, so a huge registry cannot exhaust memory. */
export const MAX_LISTED_REPOSITORIES = 100_000;

export function usernameOf(credential: Credential | undefined): string | undefined {
  if (!credential) return undefined;
  if ('username' in credential && typeof credential.username === 'string' && credential.username !== '<token>') return credential.username;
  return undefined;
}

export function secretOf(credential: Credential | undefined): string | undefined {
  if (!credential) return undefined;
  if ('password' in credential) return credential.password;
  if ('identityToken' in credential) return credential.identityToken;
  return credential.registryToken;
}
