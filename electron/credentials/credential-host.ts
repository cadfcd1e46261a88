import { DOCKER_HUB_CREDENTIAL_KEY, DOCKER_HUB_HOST, isDockerHubHost } from '../../shared/registries/registry-presets';

/**
 * The registry host a login belongs to, from a key as other tools write it:
 * `https://index.docker.io/v1/`, `docker.io`, `ghcr.io`, `http://127.0.0.1:5000/v2/`.
 * Docker Hub's many names all become `registry-1.docker.io`. Undefined for something that is not a host.
 */
export function credentialHost(key: string): string | undefined {
  const text = key.trim();
  if (text.length === 0 || text.length > 512) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (parsed.username || parsed.password || !parsed.host) return undefined;
  const host = parsed.host.toLowerCase();
  return isDockerHubHost(host) ? DOCKER_HUB_HOST : host;
}

/** Every key Docker-style config files may use for this host, best first. */
export function credentialKeysFor(host: string): string[] {
  if (isDockerHubHost(host)) return [DOCKER_HUB_CREDENTIAL_KEY, 'index.docker.io', 'docker.io', DOCKER_HUB_HOST, 'registry.hub.docker.com'];
  return [host, `https://${host}`, `http://${host}`];
}

export function sameCredentialHost(a: string, b: string): boolean {
  return credentialHost(a) === credentialHost(b);
}
