import type { buildConnector } from 'undici';
import { ContractError } from '../../../shared/contract';

// What undici 7's ProxyAgent says when the proxy answers CONNECT with anything but 200. It is a
// RequestAbortedError (code UND_ERR_ABORTED), which would otherwise read as "Cancelled.".
const TUNNEL_REFUSED = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/;

/**
 * Turns a proxy's refusal to open a tunnel into an error that says so, naming the registry
 * (never the proxy URL, which may carry credentials). Other errors pass through untouched.
 */
export function explainProxyRefusal(connector: buildConnector.connector): buildConnector.connector {
  return (options, callback) => {
    connector(options, (...args) => {
      const error = args[0];
      const status = error instanceof Error ? TUNNEL_REFUSED.exec(error.message)?.[1] : undefined;
      if (status === undefined) {
        callback(...args);
        return;
      }
      const target = options.port ? `${options.hostname}:${options.port}` : options.hostname;
      callback(new ContractError('network', proxyRefusalMessage(Number(status), target)), null);
    });
  };
}

function proxyRefusalMessage(status: number, target: string): string {
  if (status === 407) {
    return `The proxy refused the connection to ${target} for want of valid credentials (HTTP 407): check the user name and password in HTTPS_PROXY / HTTP_PROXY.`;
  }
  return `The proxy refused to open a connection to ${target} (HTTP ${status}); check HTTPS_PROXY / HTTP_PROXY and NO_PROXY.`;
}
