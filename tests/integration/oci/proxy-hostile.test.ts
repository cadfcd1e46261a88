import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo, LookupFunction } from 'node:net';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allTags } from '../../../electron/oci/listing/tags';
import { createRegistry, type Registry } from '../../../electron/oci/registry';
import { startFaultProxy, type FaultProxy, type ProxiedResponse } from '../../support/fault-proxy';
import { makeTempDir, removeTempDir, runCommand } from '../../support/processes';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { emptyArtifact, uploadEmptyConfig } from './helpers';

/** Every challenge the registry sends, with its realm replaced. */
function realmTo(realm: string) {
  return (r: ProxiedResponse): ProxiedResponse => {
    const challenge = r.headers['www-authenticate'];
    if (challenge === undefined) return r;
    return { ...r, headers: { ...r.headers, 'www-authenticate': challenge.replace(/realm="[^"]*"/, `realm="${realm}"`) } };
  };
}

describe('a token-mode registry whose challenge points at a hostile realm', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  /** Stands in front of the real token server and records whatever reaches it. */
  let recorder: FaultProxy;
  let dir: string;
  let https: Server;
  const login = async () => {
    const [username, password] = Object.entries(registry.users)[0]!;
    return { username, password };
  };

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'token' });
    proxy = await startFaultProxy({ upstream: registry.url });
    recorder = await startFaultProxy({ upstream: new URL(registry.tokenServer!.realm).origin });
    dir = await makeTempDir('proxy-hostile');
    await runCommand('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ]);
    // an HTTPS front for the same registry (through the proxy), so a plain-HTTP realm is a downgrade
    https = createHttpsServer({ key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) }, (req, res) => {
      const upstream = httpRequest({ host: '127.0.0.1', port: proxy.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    https?.closeAllConnections();
    await new Promise((resolve) => https?.close(resolve));
    await proxy?.stop();
    await recorder?.stop();
    await registry?.stop();
    await removeTempDir(dir);
  });
  beforeEach(() => {
    proxy.clearFaults();
    proxy.clearRecord();
    recorder.clearRecord();
    registry.tokenServer!.resetRecords();
  });

  function expectNothingSent() {
    expect(proxy.requests.length).toBeGreaterThan(0);
    for (const r of proxy.requests) expect(r.headerNames).not.toContain('authorization');
    expect(recorder.requests).toEqual([]);
    expect(registry.tokenServer!.issued).toEqual([]);
    expect(registry.tokenServer!.refused).toBe(0);
  }

  it('logs in through a realm it may use (the recorder sees that, so it would see a leak)', async () => {
    proxy.fault({ path: /^\/v2\//, times: Infinity, fault: { kind: 'rewrite', transform: realmTo(`${recorder.url}/token`) } });
    await createRegistry({ baseUrl: proxy.url, credentials: login }).ping();
    expect(recorder.requests.map((r) => r.method)).toEqual(['POST']);
    expect(registry.tokenServer!.issued).toHaveLength(1);
  });

  it('refuses a file: realm before sending anything', async () => {
    proxy.fault({ path: /^\/v2\//, times: Infinity, fault: { kind: 'rewrite', transform: realmTo('file:///etc/passwd') } });
    const error = await createRegistry({ baseUrl: proxy.url, credentials: login }).ping().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'denied', message: expect.stringMatching(/will not log in to 127\.0\.0\.1:\d+: its token service uses the file scheme/) });
    expectNothingSent();
  });

  it('refuses a plain-HTTP realm for an HTTPS registry', async () => {
    proxy.fault({ path: /^\/v2\//, times: Infinity, fault: { kind: 'rewrite', transform: realmTo(`${recorder.url}/token`) } });
    const ca = await readFile(join(dir, 'cert.pem'), 'utf8');
    const baseUrl = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
    const error = await createRegistry({ baseUrl, ca, credentials: login }).ping().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'denied', message: expect.stringMatching(/plain-HTTP token service although it uses HTTPS/) });
    expectNothingSent();
  });

  it.each(['http://169.254.169.254/token', 'http://10.20.30.40/token', 'http://192.168.1.1/token', 'http://[fd00::1]/token'])(
    'refuses the internal realm %s for a registry on a public name',
    async (realm) => {
      proxy.fault({ path: /^\/v2\//, times: Infinity, fault: { kind: 'rewrite', transform: realmTo(realm) } });
      // `registry.test` is not an internal name; this dispatcher resolves it to the proxy on loopback
      const toLoopback: LookupFunction = (_host, options, callback) => {
        if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
        else callback(null, '127.0.0.1', 4);
      };
      const dispatcher = new Agent({ connect: { lookup: toLoopback } });
      try {
        const reg = createRegistry({ baseUrl: `http://registry.test:${proxy.port}`, insecure: true, dispatcher, credentials: login });
        const error = await reg.ping().catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'denied', message: expect.stringMatching(/its token service is on an internal address/) });
        expectNothingSent();
      } finally {
        await dispatcher.close();
      }
    },
  );
});

describe('listing pages whose Link header misleads', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let elsewhere: FaultProxy;
  const client = (): Registry => createRegistry({ baseUrl: proxy.url, retry: { maxAttempts: 1 } });
  const collect = async (names: AsyncIterable<string>) => {
    const out: string[] = [];
    for await (const name of names) out.push(name);
    return out;
  };
  const withLink = (link: (r: ProxiedResponse) => string) => (r: ProxiedResponse): ProxiedResponse => ({ ...r, headers: { ...r.headers, link: link(r) } });
  const catalogCalls = () => proxy.requests.filter((r) => r.path.startsWith('/v2/_catalog'));

  beforeAll(async () => {
    registry = await startRegistry();
    proxy = await startFaultProxy({ upstream: registry.url });
    elsewhere = await startFaultProxy({ upstream: registry.url });
    const direct = createRegistry({ baseUrl: registry.url });
    for (const name of ['list/a', 'list/b', 'list/c']) {
      await uploadEmptyConfig(direct.http, name);
      await direct.repository(name).pushManifest(emptyArtifact({ name }), 'v1');
    }
  });
  afterAll(async () => {
    await proxy?.stop();
    await elsewhere?.stop();
    await registry?.stop();
  });
  beforeEach(() => {
    proxy.clearFaults();
    proxy.clearRecord();
    elsewhere.clearRecord();
  });

  it('follows the registry’s own Link pages (control)', async () => {
    expect(await collect(client().repositories({ pageSize: 1 }))).toEqual(['list/a', 'list/b', 'list/c']);
    expect(catalogCalls().length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a next catalog page on another host:port and never contacts it', async () => {
    proxy.fault({ path: /^\/v2\/_catalog/, fault: { kind: 'rewrite', transform: withLink(() => `<${elsewhere.url}/v2/_catalog?n=1&last=list%2Fa>; rel="next"`) } });
    const error = await collect(client().repositories({ pageSize: 1 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'network', message: `The registry pointed the next repository list page at another server (${elsewhere.host}); refused.` });
    expect(elsewhere.requests).toEqual([]);
  });

  it('refuses a next tag page on another host:port and never contacts it', async () => {
    proxy.fault({ path: /^\/v2\/list\/a\/tags\/list/, fault: { kind: 'rewrite', transform: withLink(() => `<${elsewhere.url}/v2/list/a/tags/list?last=v1>; rel="next"`) } });
    await expect(allTags(client().http, 'list/a')).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/next tag list page at another server/) });
    expect(elsewhere.requests).toEqual([]);
  });

  it('stops when the Link pages loop back', async () => {
    proxy.fault({ path: /^\/v2\/_catalog/, times: Infinity, fault: { kind: 'rewrite', transform: withLink(() => '</v2/_catalog?n=1>; rel="next"') } });
    await expect(collect(client().repositories({ pageSize: 1 }))).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/loop back on themselves/) });
    expect(catalogCalls().map((r) => r.path)).toEqual(['/v2/_catalog?n=1']);
  });

  it('caps the number of pages when every page links to a new one', async () => {
    let page = 0;
    proxy.fault({ path: /^\/v2\/_catalog/, times: Infinity, fault: { kind: 'rewrite', transform: withLink(() => `</v2/_catalog?n=1&last=list%2Fz${++page}>; rel="next"`) } });
    await expect(collect(client().repositories({ pageSize: 1, maxPages: 5 }))).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/more than 5 pages/) });
    expect(catalogCalls()).toHaveLength(5);
  });

  it('skips names in a catalog page that are not valid repository names', async () => {
    proxy.fault({
      path: /^\/v2\/_catalog/,
      fault: { kind: 'rewrite', transform: (r) => ({ ...r, body: Buffer.from(JSON.stringify({ repositories: [...(JSON.parse(r.body.toString()) as { repositories: string[] }).repositories, '../etc', 'UPPER', 3] })) }) },
    });
    expect(await collect(client().repositories())).toEqual(['list/a', 'list/b', 'list/c']);
  });
});
