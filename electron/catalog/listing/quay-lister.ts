import type { Dispatcher } from 'undici';
import { ListingRefused, MAX_LISTED_REPOSITORIES, secretOf, usernameOf, type ListerContext, type RepositoryLister } from './repository-lister';
import { isObject, str, vendorPages } from './vendor-http';

/** Quay's `/api/v1/repository?namespace=…`, paged with `next_page`; the API takes an OAuth token as bearer. */
export class QuayLister implements RepositoryLister {
  readonly source = 'quay' as const;

  constructor(
    private readonly context: ListerContext,
    private readonly options: { apiUrl?: string; dispatcher?: Dispatcher } = {},
  ) {}

  async list(signal?: AbortSignal): Promise<string[]> {
    const credential = await this.context.credential();
    const username = usernameOf(credential);
    const namespaces = [...new Set([...(username && !username.includes('+') ? [username] : []), ...this.context.namespaces])];
    if (namespaces.length === 0) throw new ListingRefused('Quay lists repositories per namespace: log in, or add a repository by name with Add repository…');
    const secret = secretOf(credential);
    const headers: Record<string, string> = secret ? { authorization: `Bearer ${secret}` } : {};
    const api = (this.options.apiUrl ?? this.context.baseUrl).replace(/\/+$/, '');
    const names: string[] = [];
    for (const namespace of namespaces) {
      const first = `${api}/api/v1/repository?namespace=${encodeURIComponent(namespace)}`;
      const pages = vendorPages(first, { headers, what: 'Quay repositories', ...(signal ? { signal } : {}), ...(this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}) }, (page) => {
        const token = isObject(page.json) ? str(page.json.next_page) : undefined;
        return token ? `${first}&next_page=${encodeURIComponent(token)}` : undefined;
      });
      for await (const page of pages) {
        const list = isObject(page.json) && Array.isArray(page.json.repositories) ? page.json.repositories : [];
        for (const item of list) {
          if (!isObject(item)) continue;
          const name = str(item.name);
          const ns = str(item.namespace) ?? namespace;
          if (name) names.push(`${ns}/${name}`);
          if (names.length >= MAX_LISTED_REPOSITORIES) return names;
        }
      }
    }
    return names;
  }
}
