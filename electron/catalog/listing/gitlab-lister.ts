import type { Dispatcher } from 'undici';
import { ContractError } from '../../../shared/contract';
import { ListingRefused, MAX_LISTED_REPOSITORIES, secretOf, usernameOf, type ListerContext, type RepositoryLister } from './repository-lister';
import { isObject, linkNext, str, vendorPages } from './vendor-http';

/** GitLab.com serves its registry on another host than its API. */
export function gitlabApiBase(registryBaseUrl: string): string {
  const url = new URL(registryBaseUrl);
  if (url.hostname === 'registry.gitlab.com') return 'https://gitlab.com';
  return url.origin;
}

/** GitLab's `/api/v4/groups/:id/registry/repositories` per namespace the user has; PAT in PRIVATE-TOKEN. */
export class GitLabLister implements RepositoryLister {
  readonly source = 'gitlab' as const;

  constructor(
    private readonly context: ListerContext,
    private readonly options: { apiUrl?: string; dispatcher?: Dispatcher } = {},
  ) {}

  async list(signal?: AbortSignal): Promise<string[]> {
    const credential = await this.context.credential();
    const username = usernameOf(credential);
    const namespaces = [...new Set([...(username ? [username] : []), ...this.context.namespaces])];
    if (namespaces.length === 0) throw new ListingRefused('GitLab lists registry repositories per group: log in, or add a repository by name with Add repository…');
    const secret = secretOf(credential);
    const headers: Record<string, string> = secret ? { 'private-token': secret } : {};
    const api = (this.options.apiUrl ?? gitlabApiBase(this.context.baseUrl)).replace(/\/+$/, '');
    const names: string[] = [];
    let found = 0;
    for (const namespace of namespaces) {
      const first = `${api}/api/v4/groups/${encodeURIComponent(namespace)}/registry/repositories?per_page=100&page=1`;
      try {
        const pages = vendorPages(first, { headers, what: 'GitLab registry repositories', ...(signal ? { signal } : {}), ...(this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}) }, (page) => {
          const link = linkNext(page.headers, page.url);
          if (link) return link;
          const nextPage = page.headers['x-next-page'];
          const n = Array.isArray(nextPage) ? nextPage[0] : nextPage;
          return n && /^\d{1,6}$/.test(n) ? first.replace(/page=1$/, `page=${n}`) : undefined;
        });
        for await (const page of pages) {
          found += 1;
          for (const item of Array.isArray(page.json) ? page.json : []) {
            const path = isObject(item) ? str(item.path) : undefined;
            if (path) names.push(path.toLowerCase());
            if (names.length >= MAX_LISTED_REPOSITORIES) return names;
          }
        }
      } catch (error) {
        // a user namespace is not a group: GitLab answers 404, and the user's own projects stay pinned
        if (error instanceof ContractError && error.code === 'not-found') continue;
        throw error;
      }
    }
    if (found === 0) throw new ListingRefused('GitLab found no group named after your account or your pinned repositories: add repositories by name with Add repository…');
    return names;
  }
}
