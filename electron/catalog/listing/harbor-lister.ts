import type { Dispatcher } from 'undici';
import { MAX_LISTED_REPOSITORIES, secretOf, usernameOf, type ListerContext, type RepositoryLister } from './repository-lister';
import { isObject, linkNext, str, vendorPages } from './vendor-http';

/** Harbor wants `/` inside a repository name encoded twice in API paths: `a/b` → `a%252Fb`. */
export function harborRepositoryPath(project: string, repository: string): string {
  const inProject = repository.startsWith(`${project}/`) ? repository.slice(project.length + 1) : repository;
  return `/api/v2.0/projects/${encodeURIComponent(project)}/repositories/${encodeURIComponent(encodeURIComponent(inProject))}`;
}

/** Harbor 2.x: projects, then each project's repositories (names come with the project prefix). */
export class HarborLister implements RepositoryLister {
  readonly source = 'harbor' as const;

  constructor(
    private readonly context: ListerContext,
    private readonly options: { dispatcher?: Dispatcher } = {},
  ) {}

  async list(signal?: AbortSignal): Promise<string[]> {
    const credential = await this.context.credential();
    const username = usernameOf(credential);
    const secret = secretOf(credential);
    const headers: Record<string, string> = {};
    if (username && secret) headers.authorization = `Basic ${Buffer.from(`${username}:${secret}`).toString('base64')}`;
    const common = { headers, ...(signal ? { signal } : {}), ...(this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}) };
    const base = this.context.baseUrl.replace(/\/+$/, '');
    const projects: string[] = [];
    for await (const page of vendorPages(`${base}/api/v2.0/projects?page=1&page_size=100`, { ...common, what: 'Harbor projects' }, (p) => linkNext(p.headers, p.url))) {
      for (const item of Array.isArray(page.json) ? page.json : []) {
        const name = isObject(item) ? str(item.name) : undefined;
        if (name) projects.push(name);
      }
    }
    const names: string[] = [];
    for (const project of projects) {
      const first = `${base}/api/v2.0/projects/${encodeURIComponent(project)}/repositories?page=1&page_size=100`;
      for await (const page of vendorPages(first, { ...common, what: `repositories of the Harbor project ${project}` }, (p) => linkNext(p.headers, p.url))) {
        for (const item of Array.isArray(page.json) ? page.json : []) {
          const name = isObject(item) ? str(item.name) : undefined;
          if (name) names.push(name);
          if (names.length >= MAX_LISTED_REPOSITORIES) return names;
        }
      }
    }
    return names;
  }
}
