import type { Dispatcher } from 'undici';
import { ContractError } from '../../../shared/contract';
import { ListingRefused, MAX_LISTED_REPOSITORIES, secretOf, usernameOf, type ListerContext, type RepositoryLister } from './repository-lister';
import { isObject, linkNext, str, vendorPages } from './vendor-http';

export const GITHUB_API = 'https://api.github.com';

/** GHCR through GitHub's packages API (package_type=container): the user's own, then pinned owners. */
export class GhcrLister implements RepositoryLister {
  readonly source = 'ghcr' as const;

  constructor(
    private readonly context: ListerContext,
    private readonly options: { apiUrl?: string; dispatcher?: Dispatcher } = {},
  ) {}

  async list(signal?: AbortSignal): Promise<string[]> {
    const credential = await this.context.credential();
    const secret = secretOf(credential);
    if (!secret) throw new ListingRefused('GitHub lists packages only to a logged-in user: log in with a token that has read:packages, or add a repository by name with Add repository…');
    const username = usernameOf(credential)?.toLowerCase();
    const api = (this.options.apiUrl ?? GITHUB_API).replace(/\/+$/, '');
    const request = {
      headers: { authorization: `Bearer ${secret}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
      what: 'GitHub container packages',
      ...(signal ? { signal } : {}),
      ...(this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}),
    };
    const names = new Set<string>();
    const collect = async (first: string) => {
      for await (const page of vendorPages(first, request, (p) => linkNext(p.headers, p.url))) {
        for (const item of Array.isArray(page.json) ? page.json : []) {
          if (!isObject(item)) continue;
          const name = str(item.name);
          const owner = isObject(item.owner) ? str(item.owner.login) : undefined;
          if (name && owner) names.add(`${owner}/${name}`.toLowerCase());
          if (names.size >= MAX_LISTED_REPOSITORIES) return;
        }
      }
    };
    await collect(`${api}/user/packages?package_type=container&per_page=100`);
    for (const owner of new Set(this.context.namespaces.map((n) => n.toLowerCase()))) {
      if (owner === username || !/^[a-z0-9-]{1,39}$/.test(owner)) continue;
      try {
        await collect(`${api}/orgs/${owner}/packages?package_type=container&per_page=100`);
      } catch (error) {
        if (!(error instanceof ContractError && error.code === 'not-found')) throw error;
        await collect(`${api}/users/${owner}/packages?package_type=container&per_page=100`).catch(() => undefined);
      }
    }
    return [...names];
  }
}
