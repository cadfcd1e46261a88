import { isIP } from 'node:net';

/**
 * Whether a Bearer challenge's realm may receive the user's credentials. Refuses non-HTTP schemes,
 * HTTPS→HTTP downgrades, userinfo, and private or link-local address literals when the registry
 * itself is public (a registry must not be able to point our secrets at the local network).
 */
export function checkRealm(realm: string, registryUrl: string): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    return { ok: false, reason: 'its token address is not a URL' };
  }
  const registry = new URL(registryUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `its token address uses ${url.protocol.replace(':', '')}, not https` };
  if (url.username || url.password) return { ok: false, reason: 'its token address carries a user name' };
  if (url.protocol === 'http:' && registry.protocol === 'https:') return { ok: false, reason: 'it sends the login to a plain-HTTP token address although the registry uses HTTPS' };
  const realmHost = url.hostname.replace(/^\[|\]$/g, '');
  const registryHost = registry.hostname.replace(/^\[|\]$/g, '');
  if (isLocalAddress(realmHost) && !isLocalAddress(registryHost) && realmHost !== registryHost) {
    return { ok: false, reason: `its token address ${url.host} is a private or link-local address` };
  }
  return { ok: true, url };
}

function isLocalAddress(host: string): boolean {
  if (/^localhost$/i.test(host)) return true;
  const family = isIP(host);
  if (family === 4) {
    const [a = 0, b = 0] = host.split('.').map(Number);
    return a === 127 || a === 10 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (family === 6) {
    const h = host.toLowerCase();
    return h === '::1' || h === '::' || h.startsWith('fe80:') || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('::ffff:');
  }
  return false;
}
