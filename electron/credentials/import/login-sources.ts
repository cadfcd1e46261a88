import { join } from 'node:path';
import type { ImportCandidate } from '../../../shared/contract';

export type LoginSource = ImportCandidate['source'];

export interface AuthFileLocation {
  source: LoginSource;
  path: string;
}

/** Where Docker, Podman (and Buildah, Skopeo) and Helm keep their logins, in the order they look. */
export function authFileLocations(env: NodeJS.ProcessEnv): AuthFileLocation[] {
  const home = env.HOME ?? env.USERPROFILE;
  const locations: AuthFileLocation[] = [];
  const dockerDir = env.DOCKER_CONFIG || (home && join(home, '.docker'));
  if (dockerDir) locations.push({ source: 'docker', path: join(dockerDir, 'config.json') });
  if (env.REGISTRY_AUTH_FILE) locations.push({ source: 'podman', path: env.REGISTRY_AUTH_FILE });
  if (env.XDG_RUNTIME_DIR) locations.push({ source: 'podman', path: join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json') });
  const configHome = env.XDG_CONFIG_HOME || (home && join(home, '.config'));
  if (configHome) locations.push({ source: 'podman', path: join(configHome, 'containers', 'auth.json') });
  if (env.HELM_REGISTRY_CONFIG) locations.push({ source: 'helm', path: env.HELM_REGISTRY_CONFIG });
  else if (configHome) locations.push({ source: 'helm', path: join(configHome, 'helm', 'registry', 'config.json') });
  return dedupe(locations);
}

function dedupe(locations: AuthFileLocation[]): AuthFileLocation[] {
  const seen = new Set<string>();
  return locations.filter((l) => !seen.has(l.path) && seen.add(l.path));
}
