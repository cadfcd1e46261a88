import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../client/registry-client';
import { listRepositories } from './catalog';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** A mock registry (node:http) for answers Distribution never gives. */
async function mock(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<RegistryClient> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return new RegistryClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sleep: async () => undefined });
}

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('catalog pagination (mock server)', () => {
  it('stops with an error when the next link loops back', async () => {
    const http = await mock((req, res) => {
      const page = new URL(req.url!, 'http://x').searchParams.get('last') ?? '';
      res.writeHead(200, { 'content-type': 'application/json', link: page ? '</v2/_catalog?n=1>; rel="next"' : '</v2/_catalog?n=1&last=a>; rel="next"' });
      res.end(JSON.stringify({ repositories: [page || 'a'] }));
    });
    await expect(collect(listRepositories(http, { pageSize: 1 }))).rejects.toThrow(/loop/);
  });

  it('refuses a next link on another origin and caps the number of pages', async () => {
    const foreign = await mock((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', link: '<http://evil.example.com/v2/_catalog>; rel="next"' }).end('{"repositories":["a"]}');
    });
    await expect(collect(listRepositories(foreign))).rejects.toThrow(/another server/);
    let n = 0;
    const endless = await mock((_req, res) => {
      n++;
      res.writeHead(200, { 'content-type': 'application/json', link: `</v2/_catalog?last=${n}>; rel="next"` }).end('{"repositories":[]}');
    });
    await expect(collect(listRepositories(endless, { maxPages: 5 }))).rejects.toThrow(/more than 5 pages/);
  });

  it('skips names that are not valid repository names', async () => {
    const http = await mock((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"repositories":["ok/a","../etc","UPPER",3]}'));
    expect(await collect(listRepositories(http))).toEqual(['ok/a']);
  });
});
