const MAX_URL_LENGTH = 2048;

/** Sites the UI may open in the OS browser: project docs and the web pages of well-known registries. */
export const EXTERNAL_HOSTS: readonly string[] = [
  'github.com',
  'oras.land',
  'opencontainers.org',
  'distribution.github.io',
  'helm.sh',
  'docker.com',
  'ghcr.io',
  'quay.io',
  'gallery.ecr.aws',
  'artifacthub.io',
  'sigstore.dev',
  'cncf.io',
];

/**
 * Whether a URL may be handed to shell.openExternal: https only, default port, no credentials,
 * and a host that is an allow-listed site or one of its subdomains.
 */
export function isAllowedExternalUrl(url: unknown, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
