import { ContractError } from '../../shared/contract';

export interface RegistryAddress {
  /** `scheme://host[:port]`, no path, no userinfo. */
  url: string;
  /** `host[:port]` as registries and credential stores name it. */
  host: string;
  insecure: boolean;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * Turns what a user typed ("ghcr.io", "127.0.0.1:5000", "https://harbor.example.com/") into a
 * registry address. Like Docker, a loopback registry without a scheme is spoken to over plain HTTP;
 * anything else must be HTTPS unless the user opts in to insecure.
 */
export function parseRegistryAddress(input: string, insecure = false): RegistryAddress {
  const text = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : null;
  let parsed: URL;
  try {
    parsed = new URL(withScheme ?? `https://${text}`);
  } catch {
    throw new ContractError('invalid-input', `"${text.slice(0, 100)}" is not a registry address; try a host name such as ghcr.io or 127.0.0.1:5000.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ContractError('invalid-input', `A registry is reached over https or http, not ${parsed.protocol.replace(':', '')}.`);
  }
  if (parsed.username || parsed.password) {
    throw new ContractError('invalid-input', 'Leave the user name and password out of the address; log in to the registry instead.');
  }
  if ((parsed.pathname !== '/' && parsed.pathname !== '/v2/' && parsed.pathname !== '/v2') || parsed.search || parsed.hash) {
    throw new ContractError('invalid-input', 'A registry address is a host and optional port, without a path (the repository is chosen later).');
  }
  const loopback = isLoopbackHost(parsed.hostname);
  if (withScheme === null && loopback) parsed.protocol = 'http:';
  if (parsed.protocol === 'http:' && !loopback && !insecure) {
    throw new ContractError('invalid-input', `Plain HTTP to ${parsed.host} is off by default; tick "insecure" if this registry really has no TLS.`);
  }
  return { url: `${parsed.protocol}//${parsed.host}`, host: parsed.host, insecure: insecure || parsed.protocol === 'http:' };
}
