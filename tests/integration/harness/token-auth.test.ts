import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../../support/registry';
import type { TestTokenServer } from '../../support/token-server';

interface TokenResponse {
  token?: string;
  access_token?: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header, claims] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(claims ?? '', 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}

/** Parses `Bearer realm="…",service="…",scope="…"` into its parameters. */
function parseBearer(header: string | null): Record<string, string> {
  expect(header).toMatch(/^Bearer /);
  const params: Record<string, string> = {};
  for (const match of (header ?? '').matchAll(/(\w+)="([^"]*)"/g)) params[match[1] ?? ''] = match[2] ?? '';
  return params;
}

describe('token-auth registry', () => {
  let registry: TestRegistry;
  let tokens: TestTokenServer;
  let password: string;

  async function getToken(scopes: string[], authorization?: string): Promise<Response> {
    const url = new URL(tokens.realm);
    url.searchParams.set('service', tokens.service);
    for (const scope of scopes) url.searchParams.append('scope', scope);
    return fetch(url, authorization ? { headers: { authorization } } : {});
  }

  async function postToken(form: Record<string, string>): Promise<Response> {
    return fetch(tokens.realm, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ service: tokens.service, client_id: 'stevedore-tests', ...form }).toString(),
    });
  }

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'token' });
    if (!registry.tokenServer) throw new Error('token mode must start a token server');
    tokens = registry.tokenServer;
    password = registry.users.alice ?? '';
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('challenges with Bearer realm and service pointing at the token server', async () => {
    const res = await fetch(`${registry.url}/v2/`);
    expect(res.status).toBe(401);
    const challenge = parseBearer(res.headers.get('www-authenticate'));
    expect(challenge.realm).toBe(tokens.realm);
    expect(challenge.service).toBe(tokens.service);
  });

  it('names the scope a repository request needs', async () => {
    const res = await fetch(`${registry.url}/v2/team/app/tags/list`);
    expect(res.status).toBe(401);
    expect(parseBearer(res.headers.get('www-authenticate')).scope).toBe('repository:team/app:pull');
  });

  it('issues an RS256 JWT with x5c and the standard claims that the registry accepts', async () => {
    const res = await getToken(['repository:team/app:pull,push'], basic('alice', password));
    expect(res.status).toBe(200);
    const body = (await res.json()) as TokenResponse;
    expect(body.access_token).toBe(body.token);
    expect(body.expires_in).toBe(300);
    const { header, claims } = decodeJwt(body.token ?? '');
    expect(header).toMatchObject({ typ: 'JWT', alg: 'RS256' });
    expect(Array.isArray(header.x5c) && header.x5c.length === 1).toBe(true);
    expect(claims).toMatchObject({
      iss: tokens.issuer,
      sub: 'alice',
      aud: tokens.service,
      access: [{ type: 'repository', name: 'team/app', actions: ['pull', 'push'] }],
    });
    expect(typeof claims.jti).toBe('string');
    expect((claims.exp as number) - (claims.iat as number)).toBe(300);

    const authorization = `Bearer ${body.token ?? ''}`;
    expect((await fetch(`${registry.url}/v2/`, { headers: { authorization } })).status).toBe(200);
    // push is granted: the registry opens an upload session.
    const upload = await fetch(`${registry.url}/v2/team/app/blobs/uploads/`, { method: 'POST', headers: { authorization } });
    expect(upload.status).toBe(202);
    // a token for team/app does not open other/repo.
    const other = await fetch(`${registry.url}/v2/other/repo/tags/list`, { headers: { authorization } });
    expect(other.status).toBe(401);
    expect(other.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });

  it('refuses a wrong password and an unknown user at the token server', async () => {
    const before = tokens.refused;
    expect((await getToken(['repository:team/app:pull'], basic('alice', 'wrong'))).status).toBe(401);
    expect((await getToken(['repository:team/app:pull'], basic('nobody', password))).status).toBe(401);
    expect(tokens.refused).toBe(before + 2);
  });

  it('gives anonymous callers pull only', async () => {
    const res = await getToken(['repository:team/app:pull,push']);
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as TokenResponse;
    expect(decodeJwt(token ?? '').claims).toMatchObject({ sub: '', access: [{ name: 'team/app', actions: ['pull'] }] });
    const authorization = `Bearer ${token ?? ''}`;
    // pull works (the repository is simply empty) ...
    expect((await fetch(`${registry.url}/v2/team/app/tags/list`, { headers: { authorization } })).status).toBe(404);
    // ... push does not.
    expect((await fetch(`${registry.url}/v2/team/app/blobs/uploads/`, { method: 'POST', headers: { authorization } })).status).toBe(401);
  });

  it('rejects a token signed by someone else', async () => {
    const res = await getToken(['repository:team/app:pull'], basic('alice', password));
    const { token } = (await res.json()) as TokenResponse;
    const [header, claims] = (token ?? '').split('.');
    const forged = `${header ?? ''}.${claims ?? ''}.${Buffer.from('not a signature').toString('base64url')}`;
    const check = await fetch(`${registry.url}/v2/team/app/tags/list`, { headers: { authorization: `Bearer ${forged}` } });
    expect(check.status).toBe(401);
  });

  it('supports the OAuth2 password grant with a refresh token, and the refresh_token grant', async () => {
    const first = await postToken({ grant_type: 'password', username: 'alice', password, access_type: 'offline', scope: 'repository:team/app:pull' });
    expect(first.status).toBe(200);
    const body = (await first.json()) as TokenResponse;
    expect(body.scope).toBe('repository:team/app:pull');
    expect(typeof body.refresh_token).toBe('string');

    const refreshed = await postToken({ grant_type: 'refresh_token', refresh_token: body.refresh_token ?? '', scope: 'repository:team/app:pull,push' });
    expect(refreshed.status).toBe(200);
    const again = (await refreshed.json()) as TokenResponse;
    expect(decodeJwt(again.access_token ?? '').claims).toMatchObject({ sub: 'alice', access: [{ actions: ['pull', 'push'] }] });
    const upload = await fetch(`${registry.url}/v2/team/app/blobs/uploads/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${again.access_token ?? ''}` },
    });
    expect(upload.status).toBe(202);
  });

  it('refuses a bad password grant, an unknown refresh token and an unknown grant type', async () => {
    expect((await postToken({ grant_type: 'password', username: 'alice', password: 'wrong' })).status).toBe(401);
    expect((await postToken({ grant_type: 'refresh_token', refresh_token: 'made-up' })).status).toBe(401);
    expect((await postToken({ grant_type: 'client_credentials' })).status).toBe(400);
  });

  it('only returns a refresh token when asked for offline access', async () => {
    const online = (await (await postToken({ grant_type: 'password', username: 'alice', password })).json()) as TokenResponse;
    expect(online.refresh_token).toBeUndefined();
    const viaGet = (await (await getToken([], basic('alice', password))).json()) as TokenResponse;
    expect(viaGet.refresh_token).toBeUndefined();
  });

  it('counts issued tokens by scope, handles several scopes in one request, and can be reset', async () => {
    tokens.resetRecords();
    await getToken(['repository:a/one:pull'], basic('alice', password));
    await getToken(['repository:a/one:pull'], basic('alice', password));
    await getToken(['repository:b/two:pull repository:a/one:pull', 'registry:catalog:*'], basic('alice', password));
    expect(tokens.issuedCount()).toBe(3);
    expect(tokens.issuedCount('repository:a/one:pull')).toBe(3);
    expect(tokens.issuedCount('repository:b/two:pull')).toBe(1);
    expect(tokens.issuedCount('registry:catalog:*')).toBe(1);
    expect(tokens.issued[2]?.access).toEqual([
      { type: 'repository', name: 'b/two', actions: ['pull'] },
      { type: 'repository', name: 'a/one', actions: ['pull'] },
      { type: 'registry', name: 'catalog', actions: ['*'] },
    ]);
    tokens.resetRecords();
    expect(tokens.issuedCount()).toBe(0);
  });

  it('uses the configured token lifetime', async () => {
    tokens.setTtlSeconds(2);
    try {
      const body = (await (await getToken(['repository:team/app:pull'], basic('alice', password))).json()) as TokenResponse;
      expect(body.expires_in).toBe(2);
      const { claims } = decodeJwt(body.token ?? '');
      expect((claims.exp as number) - (claims.iat as number)).toBe(2);
    } finally {
      tokens.setTtlSeconds(300);
    }
  });
});

describe('token-auth registry options', () => {
  it('starts with a short lifetime and no anonymous access when asked', async () => {
    const registry = await startRegistry({ auth: 'token', tokenTtlSeconds: 5, anonymousActions: [], users: { bob: 'b0b-secret' } });
    try {
      const tokens = registry.tokenServer;
      if (!tokens) throw new Error('token mode must start a token server');
      const url = new URL(tokens.realm);
      url.searchParams.set('service', tokens.service);
      url.searchParams.set('scope', 'repository:team/app:pull');
      const anonymous = (await (await fetch(url)).json()) as TokenResponse;
      expect(anonymous.expires_in).toBe(5);
      const denied = await fetch(`${registry.url}/v2/team/app/tags/list`, { headers: { authorization: `Bearer ${anonymous.token ?? ''}` } });
      expect(denied.status).toBe(401);
      const bob = (await (await fetch(url, { headers: { authorization: basic('bob', 'b0b-secret') } })).json()) as TokenResponse;
      const allowed = await fetch(`${registry.url}/v2/team/app/tags/list`, { headers: { authorization: `Bearer ${bob.token ?? ''}` } });
      expect(allowed.status).toBe(404);
    } finally {
      await registry.stop();
    }
  });
});
