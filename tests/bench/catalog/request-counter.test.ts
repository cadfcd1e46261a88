import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { countingInterceptor, routeOf, type RouteCounts } from './request-counter';

describe('routeOf', () => {
  it('names the catalog’s requests', () => {
    expect(routeOf('GET', '/v2/_catalog?n=1000&last=a%2Fb')).toBe('GET _catalog');
    expect(routeOf('GET', '/v2/many/repo-00001/tags/list?n=1000')).toBe('GET tags/list');
    expect(routeOf('HEAD', '/v2/many/repo-00001/manifests/1.0.0')).toBe('HEAD manifest');
    expect(routeOf('GET', '/v2/a/b/c/manifests/sha256:' + 'a'.repeat(64))).toBe('GET manifest');
    expect(routeOf('GET', '/v2/')).toBe('GET /v2/');
  });

  it('puts anything else under other', () => {
    expect(routeOf('GET', '/v2/a/referrers/sha256:abc')).toBe('other');
    expect(routeOf('PUT', '/v2/a/manifests/1')).toBe('other');
    expect(routeOf('GET', '/v2/a/blobs/sha256:abc')).toBe('other');
  });
});

describe('countingInterceptor', () => {
  it('counts requests sent through a composed dispatcher (local HTTP server)', async () => {
    const server = createServer((_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const counts: RouteCounts = {};
    const agent = new Agent();
    const dispatcher = agent.compose(countingInterceptor(counts));
    try {
      for (const [method, path] of [['GET', '/v2/_catalog?n=2'], ['HEAD', '/v2/x/manifests/1'], ['HEAD', '/v2/y/manifests/2']] as const) {
        const res = await request(`${origin}${path}`, { method, dispatcher });
        await res.body.dump();
      }
    } finally {
      await agent.close();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(counts).toEqual({ 'GET _catalog': 1, 'HEAD manifest': 2 });
  });
});
