import { Client, Pool, type Dispatcher } from 'undici';
import { guardPausedEnd } from './paused-end-guard';
import { explainProxyRefusal } from './proxy-refusal';

/**
 * The per-origin factory for every Agent of a dispatcher: undici's default (a Client for one
 * connection, a Pool otherwise) with the paused-end guard around the connector it is handed.
 *
 * This is the one seam all sockets pass through: undici's Agent hands its factory the connector
 * it will use, and ProxyAgent (which EnvHttpProxyAgent builds when HTTP(S)_PROXY is set) hands
 * its inner Agent a connector of its own that opens the CONNECT tunnel and, for an https
 * registry, the TLS session inside it (with `requestTls`). ProxyAgent overrides our `connect`
 * option, but passes our `factory` on, so wrapping here guards the proxied sockets too (and
 * lets a proxy's refusal to open the tunnel say what it is).
 */
export function guardedPoolFactory(origin: string | URL, options: object): Dispatcher {
  const opts = options as Pool.Options;
  const guarded: Pool.Options = typeof opts.connect === 'function' ? { ...opts, connect: guardPausedEnd(explainProxyRefusal(opts.connect)) } : opts;
  return guarded.connections === 1 ? new Client(origin, guarded) : new Pool(origin, guarded);
}
