import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from './registry-client';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** A mock registry: node:http with a scripted handler, for behaviour Distribution cannot show. */
async function mockServer(handler: (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => void): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body: Buffer.concat(chunks).toString() });
      handler(req, res, seen);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(() => r())) };
}

const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(handler: Parameters<typeof mockServer>[0]) {
  const s = await mockServer(handler);
  servers.push(s);
  return s;
}

const creds = async () => ({ username: 'alice', password: 'pw-secret' });
const noSleep: { delays: number[]; sleep: (ms: number) => Promise<void> } = { delays: [], sleep: async () => undefined };

describe('RegistryClient (mock server)', () => {
  it('answers a Basic challenge with credentials once, then sends them up front', async () => {
    const s = await start((req, res) => {
      if (req.headers.authorization !== `Basic ${Buffer.from('alice:pw-secret').toString('base64')}`) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
      } else res.writeHead(200).end('{}');
    });
    const client = new RegistryClient({ baseUrl: s.url, credentials: creds });
    expect((await client.send({ method: 'GET', url: '/v2/a/tags/list', scopes: [] })).statusCode).toBe(200);
    expect((await client.send({ method: 'GET', url: '/v2/b/tags/list', scopes: [] })).statusCode).toBe(200);
    expect(s.seen.map((x) => x.authorization !== undefined)).toEqual([false, true, true]);
  });

  it('drops Authorization on a redirect to another port, keeps it on the same origin', async () => {
    const other = await start((_req, res) => res.writeHead(200).end('blob'));
    const s = await start((req, res) => {
      if (!req.headers.authorization) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
      if (req.url === '/v2/a/blobs/one') return void res.writeHead(307, { location: '/v2/a/blobs/two' }).end();
      if (req.url === '/v2/a/blobs/two') return void res.writeHead(307, { location: `${other.url}/storage?sig=x` }).end();
      res.writeHead(404).end();
    });
    const client = new RegistryClient({ baseUrl: s.url, credentials: creds });
    const res = await client.send({ method: 'GET', url: '/v2/a/blobs/one', scopes: [] });
    expect(await res.body.text()).toBe('blob');
    expect(res.url).toBe(`${other.url}/storage?sig=x`);
    expect(s.seen.filter((x) => x.url === '/v2/a/blobs/two').every((x) => x.authorization !== undefined)).toBe(true);
    expect(other.seen).toEqual([expect.objectContaining({ authorization: undefined })]);
  });

  it('refuses to follow a redirect for a body that cannot be replayed', async () => {
    const s = await start((_req, res) => res.writeHead(307, { location: '/v2/elsewhere' }).end());
    const client = new RegistryClient({ baseUrl: s.url });
    await expect(client.send({ method: 'PUT', url: '/v2/a/blobs/uploads/x', body: () => Readable.from(['data']), replayable: false, scopes: [] })).rejects.toThrow(/cannot be sent again/);
  });

  it('retries 503 and 429 with backoff and Retry-After, through an injected sleep', async () => {
    const delays: number[] = [];
    const s = await start((_req, res, seen) => {
      if (seen.length === 1) res.writeHead(503).end();
      else if (seen.length === 2) res.writeHead(429, { 'retry-after': '3' }).end();
      else res.writeHead(200).end('ok');
    });
    const client = new RegistryClient({ baseUrl: s.url, sleep: async (ms) => void delays.push(ms), random: () => 1, retry: { baseDelayMs: 100 } });
    const res = await client.send({ method: 'PUT', url: '/v2/a/manifests/t', body: () => 'payload', scopes: [] });
    expect(res.statusCode).toBe(200);
    expect(delays).toEqual([100, 3000]);
    expect(s.seen.map((x) => x.body)).toEqual(['payload', 'payload', 'payload']);
  });

  it('gives the last answer back after the bounded attempts, and never retries a non-replayable request', async () => {
    const s = await start((_req, res) => res.writeHead(502).end());
    const client = new RegistryClient({ baseUrl: s.url, sleep: noSleep.sleep, retry: { maxAttempts: 3 } });
    expect((await client.send({ method: 'GET', url: '/v2/', scopes: [] })).statusCode).toBe(502);
    expect(s.seen).toHaveLength(3);
    s.seen.length = 0;
    const once = new RegistryClient({ baseUrl: s.url, sleep: noSleep.sleep });
    expect((await once.send({ method: 'PATCH', url: '/v2/x', body: () => 'b', replayable: false, scopes: [] })).statusCode).toBe(502);
    expect(s.seen.filter((x) => x.method === 'PATCH')).toHaveLength(1);
  });

  it('stays cancellable while waiting to retry', async () => {
    const s = await start((_req, res) => res.writeHead(503, { 'retry-after': '30' }).end());
    const controller = new AbortController();
    const client = new RegistryClient({ baseUrl: s.url });
    const pending = client.send({ method: 'GET', url: '/v2/', scopes: [], signal: controller.signal });
    while (s.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('uses the token from the realm, asks for request and challenge scopes, and keeps the password out of URLs', async () => {
    const tokens = await start((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'tok-1', expires_in: 300 }));
      void req;
    });
    const s = await start((req, res) => {
      if (req.headers.authorization === 'Bearer tok-1') return void res.writeHead(200).end('{}');
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${tokens.url}/token",service="svc",scope="repository:a:pull"` }).end();
    });
    const client = new RegistryClient({ baseUrl: s.url, credentials: creds });
    expect((await client.send({ method: 'GET', url: '/v2/a/tags/list', scopes: ['registry:catalog:*'] })).statusCode).toBe(200);
    expect(tokens.seen).toHaveLength(1);
    const form = new URLSearchParams(tokens.seen[0]!.body);
    expect(form.get('grant_type')).toBe('password');
    expect(form.get('scope')).toBe('registry:catalog:* repository:a:pull');
    expect(form.get('service')).toBe('svc');
    expect(tokens.seen[0]!.url).not.toContain('pw-secret');
  });

  it('does not repeat a request to a Basic registry when there is nothing to log in with', async () => {
    const s = await start((_req, res) => res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end());
    const client = new RegistryClient({ baseUrl: s.url });
    expect((await client.send({ method: 'GET', url: '/v2/', scopes: [] })).statusCode).toBe(401);
    expect(s.seen).toHaveLength(1);
  });

  it('drops a cached token the registry refuses mid-operation and fetches a fresh one once', async () => {
    let issued = 0;
    const tokens = await start((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `tok-${++issued}`, expires_in: 300 })));
    let accepted = 'tok-1';
    const s = await start((req, res) => {
      if (req.headers.authorization === `Bearer ${accepted}`) return void res.writeHead(200).end('{}');
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${tokens.url}/token",service="svc",scope="repository:a:pull",error="invalid_token"` }).end();
    });
    const client = new RegistryClient({ baseUrl: s.url });
    const get = () => client.send({ method: 'GET', url: '/v2/a/tags/list', scopes: ['repository:a:pull'] });
    expect((await get()).statusCode).toBe(200);
    accepted = 'tok-2';
    expect((await get()).statusCode).toBe(200);
    expect(issued).toBe(2);
    expect(s.seen.map((x) => x.authorization)).toEqual([undefined, 'Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('refuses plain HTTP to a non-loopback host unless insecure is opted in', () => {
    expect(() => new RegistryClient({ baseUrl: 'http://registry.example.com' })).toThrow(/insecure/);
    expect(new RegistryClient({ baseUrl: 'http://registry.example.com', insecure: true }).baseUrl).toBe('http://registry.example.com');
  });
});

describe('RegistryClient network faults (mock server)', () => {
  it('retries a connection reset on a replayable request', async () => {
    let first = true;
    const s = await start((req, res) => {
      if (first) {
        first = false;
        req.socket.destroy();
        return;
      }
      res.writeHead(200).end('ok');
    });
    const client = new RegistryClient({ baseUrl: s.url, sleep: async () => undefined });
    const res = await client.send({ method: 'GET', url: '/v2/', scopes: [] });
    expect(await res.body.text()).toBe('ok');
    expect(s.seen).toHaveLength(2);
  });
});
