import { isIP } from 'node:net';

/** Loopback, private (RFC 1918, ULA), link-local, unspecified and CGNAT addresses. */
export function isInternalAddress(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const kind = isIP(host);
  if (kind === 4) {
    const [a = 0, b = 0] = host.split('.').map(Number);
    return a === 127 || a === 10 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (kind === 6) {
    if (host === '::1' || host === '::') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return isInternalAddress(mapped[1]!);
    return /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  }
  return false;
}

/**
 * Checks a Bearer `realm` before any credential is sent there (oras-go GHSA-28r5-37g7-p6mp):
 * http(s) only, no downgrade from an https registry, no internal address unless the registry is
 * internal itself. Returns the reason to refuse, or undefined.
 */
export function realmProblem(realm: string, registryUrl: string): string | undefined {
  let url: URL;
  let registry: URL;
  try {
    url = new URL(realm);
    registry = new URL(registryUrl);
  } catch {
    return 'its token service address is not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `its token service uses the ${url.protocol.replace(':', '')} scheme`;
  if (url.username || url.password) return 'its token service address carries credentials';
  if (registry.protocol === 'https:' && url.protocol === 'http:') return 'it sends logins to a plain-HTTP token service although it uses HTTPS itself';
  if (isInternalAddress(url.hostname) && !isInternalAddress(registry.hostname)) return `its token service is on an internal address (${url.hostname})`;
  return undefined;
}
