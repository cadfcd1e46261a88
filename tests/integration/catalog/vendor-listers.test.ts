import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DockerHubLister } from '../../../electron/catalog/listing/dockerhub-lister';
import { GhcrLister } from '../../../electron/catalog/listing/ghcr-lister';
import { GitLabLister, gitlabApiBase } from '../../../electron/catalog/listing/gitlab-lister';
import { HarborLister, harborRepositoryPath } from '../../../electron/catalog/listing/harbor-lister';
import { listRepositories } from '../../../electron/catalog/listing/list-repositories';
import { QuayLister } from '../../../electron/catalog/listing/quay-lister';
import type { ListerContext, RepositoryLister } from '../../../electron/catalog/listing/repository-lister';
import type { Credential } from '../../../electron/oci';
import type { SavedRegistry } from '../../../electron/registries/saved-registry';
import { ContractError } from '../../../shared/contract';

const SECRET = 'dckr_pat_very-secret-value';
let agent: MockAgent;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  await agent.close();
});

function context(baseUrl: string, credential: Credential | undefined, namespaces: string[] = []): ListerContext {
  return { baseUrl, host: new URL(baseUrl).host, credential: async () => credential, namespaces };
}

const saved = (kind: SavedRegistry['kind'], pinned: string[] = []): SavedRegistry => ({
  id: kind,
  name: kind,
  url: 'https://example.test',
  host: 'example.test',
  kind,
  insecure: false,
  accounts: [],
  pinnedRepositories: pinned,
  useDockerCredentials: false,
});

const json = { 'content-type': 'application/json' };
const headerOf = (headers: unknown, name: string): string | undefined => (headers as Record<string, string>)[name];

async function failure(lister: RepositoryLister): Promise<ContractError> {
  const error = await lister.list().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractError);
  expect(String((error as Error).message)).not.toContain(SECRET);
  return error as ContractError;
}

describe('Docker Hub lister (undici mock of the Hub API)', () => {
  it('mock: logs in with POST /v2/auth/token, then pages namespaces/{ns}/repositories with the bearer', async () => {
    const hub = agent.get('https://hub.docker.com');
    hub
      .intercept({ path: '/v2/auth/token', method: 'POST', body: (b) => JSON.parse(b).identifier === 'alice' && JSON.parse(b).secret === SECRET })
      .reply(200, { access_token: 'hub-jwt' }, { headers: json });
    hub
      .intercept({ path: '/v2/namespaces/alice/repositories?page_size=100', headers: (h) => headerOf(h, 'authorization') === 'Bearer hub-jwt' })
      .reply(200, { count: 3, next: 'https://hub.docker.com/v2/namespaces/alice/repositories?page=2&page_size=100', previous: null, results: [{ name: 'web', namespace: 'alice', repository_type: 'image', is_private: false }, { name: 'api', namespace: 'alice' }] }, { headers: json });
    hub
      .intercept({ path: '/v2/namespaces/alice/repositories?page=2&page_size=100' })
      .reply(200, { count: 3, next: null, previous: 'https://hub.docker.com/v2/namespaces/alice/repositories?page=1&page_size=100', results: [{ name: 'db', namespace: 'alice' }] }, { headers: json });
    const lister = new DockerHubLister(context('https://registry-1.docker.io', { username: 'alice', password: SECRET }), { dispatcher: agent });
    expect(await lister.list()).toEqual(['alice/web', 'alice/api', 'alice/db']);
  });

  it('mock: without a login and no namespace, Docker Hub gives pinned names and advice', async () => {
    const lister = new DockerHubLister(context('https://registry-1.docker.io', undefined), { dispatcher: agent });
    const listing = await listRepositories(saved('dockerhub', ['library-x']), lister);
    expect(listing.source).toBe('pinned');
    expect(listing.problem).toMatch(/log in, or add a repository by name/);
  });

  it('mock: a public namespace typed by the user is listed anonymously', async () => {
    agent.get('https://hub.docker.com').intercept({ path: '/v2/namespaces/bitnami/repositories?page_size=100', headers: (h) => headerOf(h, 'authorization') === undefined }).reply(200, { count: 1, next: null, results: [{ name: 'redis', namespace: 'bitnami' }] }, { headers: json });
    const lister = new DockerHubLister(context('https://registry-1.docker.io', undefined, ['bitnami']), { dispatcher: agent });
    expect(await lister.list()).toEqual(['bitnami/redis']);
  });

  it('mock: 429 with X-RateLimit headers becomes rate-limited, with when to retry and no secret', async () => {
    const hub = agent.get('https://hub.docker.com');
    hub.intercept({ path: '/v2/auth/token', method: 'POST' }).reply(200, { access_token: 'hub-jwt' }, { headers: json });
    hub.intercept({ path: '/v2/namespaces/alice/repositories?page_size=100' }).reply(429, 'Too Many Requests', { headers: { 'x-ratelimit-limit': '180', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767225600' } });
    const error = await failure(new DockerHubLister(context('https://registry-1.docker.io', { username: 'alice', password: SECRET }), { dispatcher: agent }));
    expect(error.code).toBe('rate-limited');
    expect(error.message).toMatch(/0 left.*resets at 00:00 UTC/);
  });

  it('mock: a wrong token is "unauthorized" naming the host, never the token', async () => {
    agent.get('https://hub.docker.com').intercept({ path: '/v2/auth/token', method: 'POST' }).reply(401, { detail: 'Incorrect authentication credentials' }, { headers: json });
    const error = await failure(new DockerHubLister(context('https://registry-1.docker.io', { username: 'alice', password: SECRET }), { dispatcher: agent }));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('hub.docker.com/v2/auth/token');
  });

  it('mock: a next page on another origin is refused', async () => {
    const hub = agent.get('https://hub.docker.com');
    hub.intercept({ path: '/v2/namespaces/bitnami/repositories?page_size=100' }).reply(200, { next: 'https://evil.example/steal', results: [] }, { headers: json });
    const error = await failure(new DockerHubLister(context('https://registry-1.docker.io', undefined, ['bitnami']), { dispatcher: agent }));
    expect(error.message).toMatch(/another server; refused/);
  });
});

describe('Harbor lister (undici mock of /api/v2.0)', () => {
  it('mock: lists projects then repositories, following Link pages, with basic auth', async () => {
    const harbor = agent.get('https://harbor.example.com');
    const basic = `Basic ${Buffer.from(`robot$ci:${SECRET}`).toString('base64')}`;
    const authed = (h: unknown) => headerOf(h, 'authorization') === basic;
    harbor.intercept({ path: '/api/v2.0/projects?page=1&page_size=100', headers: authed }).reply(200, [{ project_id: 1, name: 'library', metadata: { public: 'true' } }], { headers: { ...json, 'x-total-count': '2', link: '</api/v2.0/projects?page=2&page_size=100>; rel="next"' } });
    harbor.intercept({ path: '/api/v2.0/projects?page=2&page_size=100', headers: authed }).reply(200, [{ project_id: 2, name: 'team' }], { headers: { ...json, 'x-total-count': '2', link: '</api/v2.0/projects?page=1&page_size=100>; rel="prev"' } });
    harbor.intercept({ path: '/api/v2.0/projects/library/repositories?page=1&page_size=100' }).reply(200, [{ id: 1, name: 'library/nginx', project_id: 1, artifact_count: 3 }], { headers: json });
    harbor.intercept({ path: '/api/v2.0/projects/team/repositories?page=1&page_size=100' }).reply(200, [{ id: 2, name: 'team/apps/web', project_id: 2 }], { headers: json });
    const lister = new HarborLister(context('https://harbor.example.com', { username: 'robot$ci', password: SECRET }), { dispatcher: agent });
    expect(await lister.list()).toEqual(['library/nginx', 'team/apps/web']);
  });

  it('encodes repository names with / twice in API paths', () => {
    expect(harborRepositoryPath('team', 'team/apps/web')).toBe('/api/v2.0/projects/team/repositories/apps%252Fweb');
  });

  it('mock: a Harbor that is failing (503) gives a problem, not an exception', async () => {
    agent.get('https://example.test').intercept({ path: '/api/v2.0/projects?page=1&page_size=100' }).reply(503, 'unavailable');
    const listing = await listRepositories(saved('harbor', ['team/x']), new HarborLister(context('https://example.test', undefined), { dispatcher: agent }));
    expect(listing).toMatchObject({ source: 'harbor', repositories: [{ name: 'team/x', pinned: true }] });
    expect(listing.problem).toMatch(/HTTP 503/);
  });
});

describe('Quay lister (undici mock of /api/v1/repository)', () => {
  it('mock: pages with next_page per namespace, bearer token', async () => {
    const quay = agent.get('https://quay.io');
    const bearer = (h: unknown) => headerOf(h, 'authorization') === `Bearer ${SECRET}`;
    quay.intercept({ path: '/api/v1/repository?namespace=alice', headers: bearer }).reply(200, { repositories: [{ namespace: 'alice', name: 'one', is_public: true, kind: 'image', state: 'NORMAL' }], next_page: 'gAAAAAB' }, { headers: json });
    quay.intercept({ path: '/api/v1/repository?namespace=alice&next_page=gAAAAAB', headers: bearer }).reply(200, { repositories: [{ namespace: 'alice', name: 'two' }] }, { headers: json });
    const lister = new QuayLister(context('https://quay.io', { username: 'alice', password: SECRET }), { dispatcher: agent });
    expect(await lister.list()).toEqual(['alice/one', 'alice/two']);
  });
});

describe('GitLab lister (undici mock of /api/v4 registry repositories)', () => {
  it('mock: lists a group’s registry repositories with PRIVATE-TOKEN, paging by X-Next-Page; the API lives on gitlab.com', async () => {
    expect(gitlabApiBase('https://registry.gitlab.com')).toBe('https://gitlab.com');
    const gitlab = agent.get('https://gitlab.com');
    const token = (h: unknown) => headerOf(h, 'private-token') === SECRET;
    gitlab.intercept({ path: '/api/v4/groups/alice/registry/repositories?per_page=100&page=1', headers: token }).reply(404, { message: '404 Group Not Found' }, { headers: json });
    gitlab.intercept({ path: '/api/v4/groups/acme/registry/repositories?per_page=100&page=1', headers: token }).reply(200, [{ id: 1, name: '', path: 'acme/app', project_id: 9, location: 'registry.gitlab.com/acme/app' }], { headers: { ...json, 'x-next-page': '2' } });
    gitlab.intercept({ path: '/api/v4/groups/acme/registry/repositories?per_page=100&page=2', headers: token }).reply(200, [{ id: 2, name: 'worker', path: 'acme/app/worker', project_id: 9 }], { headers: { ...json, 'x-next-page': '' } });
    const lister = new GitLabLister(context('https://registry.gitlab.com', { username: 'alice', password: SECRET }, ['acme']), { dispatcher: agent });
    expect(await lister.list()).toEqual(['acme/app', 'acme/app/worker']);
  });
});

describe('GHCR lister (undici mock of api.github.com packages)', () => {
  it('mock: lists the user’s container packages with Link paging and the GitHub headers', async () => {
    const github = agent.get('https://api.github.com');
    const ok = (h: unknown) => headerOf(h, 'authorization') === `Bearer ${SECRET}` && headerOf(h, 'x-github-api-version') === '2022-11-28';
    github.intercept({ path: '/user/packages?package_type=container&per_page=100', headers: ok }).reply(200, [{ id: 1, name: 'hello-world', package_type: 'container', owner: { login: 'Octocat', type: 'User' }, visibility: 'public' }], { headers: { ...json, link: '<https://api.github.com/user/packages?package_type=container&per_page=100&page=2>; rel="next", <https://api.github.com/user/packages?package_type=container&per_page=100&page=2>; rel="last"' } });
    github.intercept({ path: '/user/packages?package_type=container&per_page=100&page=2', headers: ok }).reply(200, [{ id: 2, name: 'tools/cli', package_type: 'container', owner: { login: 'octocat' } }], { headers: json });
    const lister = new GhcrLister(context('https://ghcr.io', { username: 'octocat', password: SECRET }), { dispatcher: agent });
    expect(await lister.list()).toEqual(['octocat/hello-world', 'octocat/tools/cli']);
  });

  it('mock: without a token, GHCR falls back to pinned repositories with advice', async () => {
    const listing = await listRepositories(saved('ghcr', ['octocat/hello-world']), new GhcrLister(context('https://ghcr.io', undefined), { dispatcher: agent }));
    expect(listing).toMatchObject({ source: 'pinned', repositories: [{ name: 'octocat/hello-world', pinned: true }] });
    expect(listing.problem).toMatch(/read:packages/);
  });
});
