import { isDockerHubHost, registryPresets, type RegistryKind } from '../../shared/registries/registry-presets';

export interface PublishTarget {
  kind: RegistryKind;
  host: string;
  /** The repository the artifact goes to, with any part the kind adds (a chart's name). */
  repository: string;
  /** The part the kind added to the typed repository (Helm: the chart's name), if any. */
  addedSuffix?: string;
}

/**
 * What a registry's own naming rules will refuse, said before anything is sent. Docker Hub takes
 * exactly `namespace/name` and answers a deeper path with a 401 that reads like a login problem.
 */
export function targetProblems(target: PublishTarget): string[] {
  if (registryPresets[target.kind].readOnly) {
    return [`${target.host} was opened read-only (${registryPresets[target.kind].label}); publish to Local or a registry instead.`];
  }
  const dockerHub = target.kind === 'dockerhub' || isDockerHubHost(target.host);
  const depth = dockerHub ? registryPresets.dockerhub.nameDepth : registryPresets[target.kind].nameDepth;
  if (depth === undefined) return [];
  const parts = target.repository.split('/');
  if (parts.length === depth) return [];
  const label = dockerHub ? 'Docker Hub' : registryPresets[target.kind].label;
  const name = parts.at(-1) ?? target.repository;
  const chart = target.addedSuffix ? ` (the chart's name, ${target.addedSuffix}, is added after what you typed, so type only the namespace)` : '';
  if (parts.length < depth) {
    return [`${label} repositories are namespace/name, such as your-docker-id/${name}: put your Docker ID or organization before ${target.repository}${chart}.`];
  }
  const [namespace] = parts;
  const joined = parts.slice(1).join('-');
  return [
    `${label} repositories are exactly namespace/name, such as ${namespace}/${joined}; ${target.repository} has ${parts.length} parts, and ${label} answers a deeper path with a login error${chart}.`,
  ];
}
