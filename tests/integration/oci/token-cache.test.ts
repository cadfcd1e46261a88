import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountScopes, pullScope, pushScope } from '../../../electron/oci/auth/scopes';
import { EMPTY_JSON_DIGEST } from '../../../electron/oci/manifests/media-types';
import { createRegistry } from '../../../electron/oci/registry';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { clientFor, credentialsFor, emptyArtifact, uploadEmptyConfig } from './helpers';

describe('bearer tokens against docker-registry with a token server', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token' });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('fetches a token once per scope set and reuses it, also under concurrency', async () => {
    const registry = clientFor(reg);
    await uploadEmptyConfig(registry.http, 'cache/app');
    const repo = registry.repository('cache/app');
    await repo.pushManifest(emptyArtifact(), 'v1');
    reg.tokenServer!.resetRecords();
    await Promise.all(Array.from({ length: 6 }, () => repo.resolve('v1')));
    for (let i = 0; i < 4; i++) await repo.manifests().fetch('v1');
    expect(reg.tokenServer!.issuedCount(pullScope('cache/app'))).toBe(1);
    expect(reg.tokenServer!.issued.every((t) => t.subject === Object.keys(reg.users)[0])).toBe(true);
    expect(reg.tokenServer!.issued.map((t) => t.via)).toContain('password');
  });

  it('re-challenges once when the registry refuses a token the client still trusts (expired mid-operation)', async () => {
    const server = reg.tokenServer!;
    const plain = credentialsFor(reg);
    // The first token is issued already expired (beyond the registry's leeway); from then on tokens are good.
    const credentials = async (host: string) => {
      if (server.issued.length > 0) server.setTtlSeconds(300);
      return plain(host);
    };
    const registry = createRegistry({ baseUrl: reg.url, credentials });
    await registry.ping();
    server.resetRecords();
    server.setTtlSeconds(-120);
    await expect(registry.repository('cache/app').resolve('v1')).resolves.toMatchObject({ size: expect.any(Number) });
    expect(server.issued.map((t) => t.expiresIn)).toEqual([-120, 300]);
    expect(server.issuedCount(pullScope('cache/app'))).toBe(2);
  });

  it('asks for push,pull when pushing and gets anonymous pull tokens without credentials', async () => {
    const registry = clientFor(reg);
    reg.tokenServer!.resetRecords();
    await registry.repository('cache/app').pushManifest(emptyArtifact({ n: '2' }), 'v2');
    expect(reg.tokenServer!.issuedCount(pushScope('cache/app'))).toBeGreaterThanOrEqual(1);

    const anonymous = createRegistry({ baseUrl: reg.url });
    reg.tokenServer!.resetRecords();
    await expect(anonymous.repository('cache/app').resolve('v2')).resolves.toMatchObject({ mediaType: expect.any(String) });
    expect(reg.tokenServer!.issued).toEqual([expect.objectContaining({ subject: '', via: 'get' })]);
  });

  it('uses an identity (refresh) token with the OAuth2 POST and never sends the password', async () => {
    const server = reg.tokenServer!;
    const [username, password] = Object.entries(reg.users)[0]!;
    const form = new URLSearchParams({ grant_type: 'password', username, password, access_type: 'offline', service: server.service, client_id: 'test' });
    const issued = (await (await fetch(server.realm, { method: 'POST', body: form })).json()) as { refresh_token: string };
    server.resetRecords();
    const registry = createRegistry({ baseUrl: reg.url, credentials: async () => ({ identityToken: issued.refresh_token }) });
    await expect(registry.repository('cache/app').resolve('v1')).resolves.toMatchObject({ size: expect.any(Number) });
    expect(server.issued).toEqual([expect.objectContaining({ subject: username, via: 'refresh_token', scopes: [pullScope('cache/app')] })]);
  });

  it('gets one token carrying both scopes of a cross-repository mount', async () => {
    const registry = clientFor(reg);
    reg.tokenServer!.resetRecords();
    const res = await registry.http.send({
      method: 'POST',
      url: `/v2/cache/other/blobs/uploads/?mount=${EMPTY_JSON_DIGEST}&from=cache/app`,
      scopes: mountScopes('cache/other', 'cache/app'),
    });
    await res.body.dump();
    expect(res.statusCode).toBe(201);
    expect(reg.tokenServer!.issued).toEqual([expect.objectContaining({ scopes: expect.arrayContaining(['repository:cache/other:push,pull', 'repository:cache/app:pull']) })]);
  });
});
