export const registryKinds = ['generic', 'dockerhub', 'ghcr', 'quay', 'harbor', 'gitlab', 'acr', 'ecr', 'gar', 'local', 'local-store', 'oci-layout', 'oci-archive'] as const;
export type RegistryKind = (typeof registryKinds)[number];

export interface RegistryPreset {
  kind: RegistryKind;
  label: string;
  /** The registry host to fill in, when the kind has one fixed host. */
  host?: string;
  /** The key other tools (Docker, Podman, Helm) file this registry's login under, when it differs from the host. */
  credentialKey?: string;
  /** What the login dialog asks for, in the registry's own words. */
  secretHint: string;
  usernameHint: string;
  /** Repository names have exactly this many path segments (Docker Hub: namespace/repo). */
  nameDepth?: number;
  /** An example address, for kinds whose host is per-tenant. */
  example?: string;
  /** Every install has exactly one, made by Stevedore: never offered in Add registry. */
  builtIn?: boolean;
  /**
   * An OCI layout folder or oci-archive opened from disk (Open OCI layout or archive…): read-only,
   * never offered in Add registry, removable like any registry.
   */
  readOnly?: boolean;
}

/** Kinds opened read-only from a path on disk; their `host` is that path. */
export function isOpenedLayoutKind(kind: RegistryKind): kind is 'oci-layout' | 'oci-archive' {
  return kind === 'oci-layout' || kind === 'oci-archive';
}

export const DOCKER_HUB_HOST = 'registry-1.docker.io';
export const DOCKER_HUB_CREDENTIAL_KEY = 'https://index.docker.io/v1/';

export const registryPresets: Readonly<Record<RegistryKind, RegistryPreset>> = {
  generic: {
    kind: 'generic',
    label: 'Other OCI registry',
    secretHint: 'the password or token your registry gives you',
    usernameHint: 'user name',
    example: 'registry.example.com',
  },
  dockerhub: {
    kind: 'dockerhub',
    label: 'Docker Hub',
    host: DOCKER_HUB_HOST,
    credentialKey: DOCKER_HUB_CREDENTIAL_KEY,
    secretHint: 'a personal access token (Account settings → Personal access tokens); your password also works',
    usernameHint: 'Docker ID',
    nameDepth: 2,
  },
  ghcr: {
    kind: 'ghcr',
    label: 'GitHub Container Registry',
    host: 'ghcr.io',
    secretHint: 'a classic PAT with read:packages (write:packages to push, delete:packages to delete)',
    usernameHint: 'GitHub user name',
  },
  quay: {
    kind: 'quay',
    label: 'Quay.io',
    host: 'quay.io',
    secretHint: 'your Quay password, an encrypted password (Account settings → Generate encrypted password) or a robot account token',
    usernameHint: 'Quay user name, or robot name such as org+robot',
  },
  harbor: {
    kind: 'harbor',
    label: 'Harbor',
    secretHint: 'your Harbor password, the CLI secret (OIDC logins) or a robot account secret',
    usernameHint: 'Harbor user name, or robot$name',
    example: 'harbor.example.com',
  },
  gitlab: {
    kind: 'gitlab',
    label: 'GitLab Container Registry',
    host: 'registry.gitlab.com',
    secretHint: 'a personal, project or group access token with read_registry (write_registry to push)',
    usernameHint: 'GitLab user name (any name for a project or group token)',
  },
  acr: {
    kind: 'acr',
    label: 'Azure Container Registry',
    secretHint: 'an admin password, a repository-scoped token, or an `az acr login --expose-token` access token (user 00000000-0000-0000-0000-000000000000)',
    usernameHint: 'registry name, token name, or 00000000-0000-0000-0000-000000000000',
    example: 'myregistry.azurecr.io',
  },
  ecr: {
    kind: 'ecr',
    label: 'Amazon ECR',
    secretHint: 'the output of `aws ecr get-login-password` (it expires after 12 hours)',
    usernameHint: 'AWS',
    example: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
  },
  gar: {
    kind: 'gar',
    label: 'Google Artifact Registry',
    secretHint: 'an access token from `gcloud auth print-access-token` (user oauth2accesstoken) or a service-account key (user _json_key_base64)',
    usernameHint: 'oauth2accesstoken or _json_key_base64',
    example: 'europe-west1-docker.pkg.dev',
  },
  local: {
    kind: 'local',
    label: 'Local registry',
    secretHint: 'the password set in the registry (htpasswd), if it asks for one',
    usernameHint: 'user name',
    example: '127.0.0.1:5000',
  },
  'local-store': {
    kind: 'local-store',
    label: 'Local',
    secretHint: 'nothing: Local is a folder of OCI image layouts on this computer, with no login',
    usernameHint: 'none',
    builtIn: true,
  },
  'oci-layout': {
    kind: 'oci-layout',
    label: 'OCI layout folder',
    secretHint: 'nothing: an OCI image layout folder on this computer, opened read-only',
    usernameHint: 'none',
    readOnly: true,
  },
  'oci-archive': {
    kind: 'oci-archive',
    label: 'OCI archive',
    secretHint: 'nothing: an oci-archive tarball on this computer, opened read-only',
    usernameHint: 'none',
    readOnly: true,
  },
};

/** Guesses the kind of a registry from its host, for imported logins and typed addresses. */
export function kindForHost(host: string): RegistryKind {
  const h = host.toLowerCase();
  const name = h.replace(/:\d+$/, '');
  if (isDockerHubHost(h)) return 'dockerhub';
  if (name === 'ghcr.io') return 'ghcr';
  if (name === 'quay.io') return 'quay';
  if (name === 'registry.gitlab.com') return 'gitlab';
  if (name.endsWith('.azurecr.io')) return 'acr';
  if (/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(name)) return 'ecr';
  if (name.endsWith('-docker.pkg.dev') || name === 'gcr.io' || name.endsWith('.gcr.io')) return 'gar';
  if (/^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/.test(name)) return 'local';
  return 'generic';
}

const dockerHubNames = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export function isDockerHubHost(host: string): boolean {
  return dockerHubNames.has(host.toLowerCase());
}
