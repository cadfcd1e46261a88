import type { Dispatcher } from 'undici';
import { ContractError } from '../../../shared/contract';
import { ListingRefused, MAX_LISTED_REPOSITORIES, secretOf, usernameOf, type ListerContext, type RepositoryLister } from './repository-lister';
import { isObject, str, vendorJson, vendorPages } from './vendor-http';

export const DOCKER_HUB_API = 'https://hub.docker.com';
const NAMESPACE = /^[a-z0-9][a-z0-9_-]{1,254}$/;

/**
 * Docker Hub's Hub API: `/v2/namespaces/{ns}/repositories` for the logged-in user's namespace and
 * any namespace the user pinned a repository in; login with `POST /v2/auth/token` → bearer.
 */
export class DockerHubLister implements RepositoryLister {
  readonly source = 'dockerhub' as const;

  constructor(
    private readonly context: ListerContext,
    private readonly options: { apiUrl?: string; dispatcher?: Dispatcher } = {},
  ) {}

  private get api(): string {
    return this.options.apiUrl ?? DOCKER_HUB_API;
  }

  private async bearer(username: string, secret: string, signal?: AbortSignal): Promise<string> {
    const res = await vendorJson(`${this.api}/v2/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: username, secret }),
      what: 'a Docker Hub login',
      ...(signal ? { signal } : {}),
      ...(this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}),
    });
    const token = isObject(res.json) ? (str(res.json.access_token) ?? str(res.json.token)) : undefined;
    if (!token || token.length > 16 * 1024) throw new ContractError('network', 'Docker Hub answered the login without a token.');
    return token;
  }

  async list(signal?: AbortSignal): Promise<string[]> {
    const credential = await this.context.credential();
    const username = usernameOf(credential)?.toLowerCase();
    const secret = secretOf(credential);
    const namespaces = [...new Set([...(username ? [username] : []), ...this.context.namespaces.map((n) => n.toLowerCase())])].filter((n) => NAMESPACE.test(n));
    if (namespaces.length === 0) {
      throw new ListingRefused('Docker Hub lists repositories per namespace: log in, or add a repository by name (e.g. library/redis) with Add repository…');
    }
    const headers: Record<string, string> = {};
    if (username && secret) headers.authorization = `Bearer ${await this.bearer(username, secret, signal)}`;
    const names: string[] = [];
    for (const namespace of namespaces) {
      const first = `${this.api}/v2/namespaces/${encodeURIComponent(namespace)}/repositories?page_size=100`;
      const pages = vendorPages(first, { headers, what: 'Docker Hub repositories', ...(signal ? { signal } : {}), ...(this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}) }, (page) =>
        isObject(page.json) ? str(page.json.next) : undefined,
      );
      for await (const page of pages) {
        const results = isObject(page.json) && Array.isArray(page.json.results) ? page.json.results : [];
        for (const item of results) {
          if (!isObject(item)) continue;
          const name = str(item.name);
          const ns = str(item.namespace) ?? namespace;
          if (name) names.push(`${ns}/${name}`.toLowerCase());
          if (names.length >= MAX_LISTED_REPOSITORIES) return names;
        }
      }
    }
    return names;
  }
}
