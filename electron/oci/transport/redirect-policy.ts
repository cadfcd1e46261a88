export const MAX_REDIRECTS = 10;
export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export type RedirectDecision =
  | { follow: true; url: string; method: string; keepBody: boolean; keepAuthorization: boolean }
  | { follow: false; reason: string };

function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.hostname === b.hostname && a.port === b.port;
}

/**
 * What to do with a 3xx: refuse https→http and bodies that cannot be replayed, keep
 * Authorization only on the same origin (scheme, host and port: GHSA-vh4v-2xq2-g5cg), cap hops.
 */
export function decideRedirect(args: {
  from: string;
  /** The origin the request started on (credentials belong to it). */
  origin: string;
  location: string | undefined;
  status: number;
  method: string;
  hasBody: boolean;
  replayable: boolean;
  hops: number;
}): RedirectDecision {
  if (!args.location) return { follow: false, reason: 'the registry sent a redirect without a Location' };
  if (args.hops >= MAX_REDIRECTS) return { follow: false, reason: `more than ${MAX_REDIRECTS} redirects` };
  let next: URL;
  try {
    next = new URL(args.location, args.from);
  } catch {
    return { follow: false, reason: 'the registry redirected to an invalid address' };
  }
  const from = new URL(args.from);
  if (next.protocol !== 'https:' && next.protocol !== 'http:') return { follow: false, reason: `a redirect to a ${next.protocol} address` };
  if (from.protocol === 'https:' && next.protocol === 'http:') return { follow: false, reason: 'a redirect from HTTPS down to plain HTTP' };
  const toGet = args.status === 303 || ((args.status === 301 || args.status === 302) && args.method === 'POST');
  const method = toGet ? (args.method === 'HEAD' ? 'HEAD' : 'GET') : args.method;
  const keepBody = !toGet && args.hasBody;
  if (keepBody && !args.replayable) return { follow: false, reason: 'a redirect for an upload whose body cannot be sent again' };
  next.hash = '';
  return { follow: true, url: next.toString(), method, keepBody, keepAuthorization: sameOrigin(next, new URL(args.origin)) };
}
