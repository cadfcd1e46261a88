import { type CommandId, type KindId, kindDef } from './kinds';
import { type ArtifactRef, displayReference, familiarReference, normaliseForDisplay, validateRef } from './reference';
import { shellCommand } from './shell-quote';

export interface CopyableCommand {
  id: CommandId;
  label: string;
  command: string;
}

export interface CommandOptions {
  /** Use the digest even when a tag is known: the command then always fetches the same bytes. */
  pinDigest?: boolean;
  /** The registry speaks plain HTTP (e.g. a local test registry). */
  plainHttp?: boolean;
}

/** Helm stores `+` in chart versions as `_` in tags; its commands take the version back. */
export function helmVersionFromTag(tag: string): string {
  return tag.replace(/_/g, '+');
}

/** A release name Helm accepts (DNS label, ≤ 53 characters), from the chart's repository name. */
export function helmReleaseName(repository: string): string {
  const last = repository.split('/').pop() ?? '';
  const name = last.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 53).replace(/-+$/, '');
  return name || 'release';
}

function helmOciUrl(ref: ArtifactRef): string {
  // Helm talks to Docker Hub through registry-1.docker.io, as Docker's own Helm docs show.
  const r = normaliseForDisplay(ref);
  const host = r.registry === 'docker.io' ? 'registry-1.docker.io' : r.registry;
  return `oci://${host}/${r.repository}`;
}

/** The copyable commands that fit an artifact of this kind at this reference. */
export function commandsFor(kind: KindId, input: ArtifactRef, opts: CommandOptions = {}): CopyableCommand[] {
  const ref = validateRef(input);
  const pin = opts.pinDigest ?? false;
  const full = displayReference(ref, pin);
  const out: CopyableCommand[] = [];
  for (const id of kindDef(kind).commands) {
    const words = commandWords(id, ref, full, pin, opts.plainHttp ?? false);
    if (words) out.push({ id, label: labels[id], command: shellCommand(words) });
  }
  return out;
}

const labels: Readonly<Record<CommandId, string>> = {
  'docker-pull': 'Docker',
  'podman-pull': 'Podman',
  'helm-pull': 'Helm pull',
  'helm-install': 'Helm install',
  'oras-pull': 'ORAS',
  'flux-pull': 'Flux',
  'apptainer-pull': 'Apptainer',
};

function commandWords(id: CommandId, ref: ArtifactRef, full: string, pin: boolean, plainHttp: boolean): string[] | undefined {
  const plain = (flag: string): string[] => (plainHttp ? [flag] : []);
  switch (id) {
    case 'docker-pull':
      return ['docker', 'pull', familiarReference(ref, pin)];
    case 'podman-pull':
      return ['podman', 'pull', ...plain('--tls-verify=false'), full];
    case 'helm-pull':
      // Helm resolves a chart by version: without a tag there is nothing to pass it.
      if (!ref.tag) return undefined;
      return ['helm', 'pull', helmOciUrl(ref), '--version', helmVersionFromTag(ref.tag), ...plain('--plain-http')];
    case 'helm-install':
      if (!ref.tag) return undefined;
      return ['helm', 'install', helmReleaseName(ref.repository), helmOciUrl(ref), '--version', helmVersionFromTag(ref.tag), ...plain('--plain-http')];
    case 'oras-pull':
      return ['oras', 'pull', ...plain('--plain-http'), full];
    case 'flux-pull':
      return ['flux', 'pull', 'artifact', `oci://${full}`, '--output', `./${helmReleaseName(ref.repository)}`];
    case 'apptainer-pull':
      return ['apptainer', 'pull', `oras://${full}`];
  }
}
