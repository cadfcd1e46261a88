import { ContractError } from '../../../shared/contract';
import { isInternalAddress } from '../auth/realm-policy';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopback(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * Normalises a registry base URL to `scheme://host[:port]` and applies the plain-HTTP rule:
 * loopback may use HTTP; anything else needs the explicit insecure opt-in.
 */
export function normaliseBaseUrl(baseUrl: string, insecure = false): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ContractError('invalid-input', `"${baseUrl.slice(0, 200)}" is not a registry URL such as https://ghcr.io.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ContractError('invalid-input', 'A registry URL starts with https:// or http://.');
  if (url.username || url.password) throw new ContractError('invalid-input', 'Leave credentials out of the registry URL.');
  if (url.protocol === 'http:' && !insecure && !isLoopback(url.hostname)) {
    throw new ContractError('invalid-input', `Plain HTTP to ${url.host} needs the "insecure" option for this registry.`);
  }
  return `${url.protocol}//${url.host}`;
}

export { isInternalAddress };
