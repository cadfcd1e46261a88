import { buildConnector, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { guardedPoolFactory } from './guarded-pool-factory';

export interface TransportOptions {
  /** PEM CA certificate(s) to trust for this registry, in addition to nothing else. */
  ca?: string | readonly string[];
  /** Explicit opt-in: accept an unverifiable TLS certificate. */
  insecure?: boolean;
  /** Connection cap per origin. */
  connections?: number;
  keepAliveTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
}

/**
 * One dispatcher per registry: keep-alive, a connection cap, the registry's own CA or an explicit
 * insecure opt-in, and HTTP(S)_PROXY / NO_PROXY from the environment.
 */
export function createDispatcher(options: TransportOptions = {}): Dispatcher {
  const tls = {
    ...(options.ca !== undefined ? { ca: typeof options.ca === 'string' ? options.ca : [...options.ca] } : {}),
    rejectUnauthorized: options.insecure !== true,
  };
  return new EnvHttpProxyAgent({
    connections: options.connections ?? 8,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    headersTimeout: options.headersTimeoutMs ?? 60_000,
    bodyTimeout: options.bodyTimeoutMs ?? 300_000,
    // A connector function (not options), so that the factory can wrap it in the paused-end
    // guard; through a proxy, ProxyAgent replaces it with its tunnel, which the factory wraps too.
    connect: buildConnector({ ...tls, timeout: 10_000 }),
    factory: guardedPoolFactory,
    // ProxyAgent uses requestTls for the registry behind the proxy.
    requestTls: tls,
  });
}
