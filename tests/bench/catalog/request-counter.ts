import type { Dispatcher } from 'undici';

/** The registry requests the catalog makes, by what they are for. */
export type Route = 'GET _catalog' | 'GET tags/list' | 'HEAD manifest' | 'GET manifest' | 'GET /v2/' | 'other';

export function routeOf(method: string, path: string): Route {
  const bare = path.split('?')[0] ?? '';
  if (bare === '/v2/' || bare === '/v2') return method === 'GET' ? 'GET /v2/' : 'other';
  if (bare === '/v2/_catalog') return method === 'GET' ? 'GET _catalog' : 'other';
  if (/^\/v2\/.+\/tags\/list$/.test(bare)) return method === 'GET' ? 'GET tags/list' : 'other';
  if (/^\/v2\/.+\/manifests\/[^/]+$/.test(bare)) {
    if (method === 'HEAD') return 'HEAD manifest';
    if (method === 'GET') return 'GET manifest';
  }
  return 'other';
}

export type RouteCounts = Partial<Record<Route, number>>;

/** An undici interceptor that counts requests by route (never looks at headers or bodies). */
export function countingInterceptor(counts: RouteCounts): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) => {
    const route = routeOf(String(options.method), String(options.path));
    counts[route] = (counts[route] ?? 0) + 1;
    return dispatch(options, handler);
  };
}
