import { arch } from 'node:os';
import type { DownloadChoices, DownloadMode, DownloadModeChoice } from '../../shared/contract';
import { ContractError } from '../../shared/contract';
import { classifyManifest } from '../../shared/artifacts/classify';
import type { KindId } from '../../shared/artifacts/kinds';
import type { Descriptor, FetchedManifest, ImageManifest } from '../oci/manifests/manifest-types';
import type { ArtifactRepository } from '../oci/storage';
import { planBlobs, type BlobsInput } from './plan/plan-blobs';
import { planFiles } from './plan/plan-files';
import { chartMeta, planHelm } from './plan/plan-helm';
import { planOciLayout, planRootfs } from './plan/plan-image';
import { artifactFolderName, TITLE, type DownloadPlan } from './plan/plan-types';

const METADATA_LIMIT = 4 * 1024 * 1024;

const MODE_TEXT: Record<DownloadMode, Omit<DownloadModeChoice, 'mode'>> = {
  files: { label: 'Files', description: 'Each file under its own name; packed folders unpacked.' },
  'helm-tgz': { label: 'Chart archive (as helm pull)', description: '<name>-<version>.tgz, and its .prov when the chart is signed.' },
  'helm-untar': { label: 'Unpacked chart (as helm pull --untar)', description: 'The chart’s folder, and its .prov when the chart is signed.' },
  'oci-layout': { label: 'OCI image layout', description: 'A folder that skopeo, podman and oras read (oci-layout, index.json, blobs).' },
  rootfs: { label: 'Root file system', description: 'The image’s files: its layers applied in order, deletions honoured.' },
  blobs: { label: 'Blobs by digest', description: 'The manifest, the config and every blob by digest, and a manifest.json saying which is what.' },
};

export interface ReadArtifact {
  root: FetchedManifest;
  kind: KindId;
  platforms: Array<{ os: string; architecture: string; variant?: string; digest: string }>;
}

export async function readArtifact(repo: ArtifactRepository, reference: string, signal?: AbortSignal): Promise<ReadArtifact> {
  const root = await repo.manifests().fetch(reference, signal);
  const classification = classifyManifest(JSON.parse(root.bytes.toString('utf8')) as unknown, { contentType: root.descriptor.mediaType });
  const platforms = (classification.platforms ?? [])
    .filter((p) => p.platform.os !== 'unknown')
    .map((p) => ({ os: p.platform.os, architecture: p.platform.architecture, ...(p.platform.variant ? { variant: p.platform.variant } : {}), digest: p.digest }));
  return { root, kind: classification.kind, platforms };
}

export function modesFor(artifact: ReadArtifact): DownloadMode[] {
  if (artifact.kind === 'image' || artifact.kind === 'image-index') return ['oci-layout', 'rootfs', 'blobs'];
  if (artifact.kind === 'helm-chart') return ['helm-tgz', 'helm-untar', 'blobs'];
  if (artifact.root.parsed.kind === 'manifest' && artifact.root.parsed.manifest.layers.some((l) => l.annotations?.[TITLE])) return ['files', 'blobs'];
  return ['blobs'];
}

export function choicesFor(artifact: ReadArtifact, suggestions: string[]): DownloadChoices {
  const modes = modesFor(artifact);
  const files =
    artifact.root.parsed.kind === 'manifest' && modes.includes('files')
      ? artifact.root.parsed.manifest.layers.flatMap((l) => {
          const name = l.annotations?.[TITLE];
          return name ? [{ name, size: l.size, digest: l.digest }] : [];
        })
      : [];
  return {
    digest: artifact.root.descriptor.digest,
    modes: modes.map((mode) => ({ mode, ...MODE_TEXT[mode] })),
    defaultMode: modes[0] as DownloadMode,
    platforms: artifact.platforms,
    files,
    suggestedFolder: suggestions[0] ?? '',
    suggestions,
  };
}

export interface PlanRequest {
  repository: string;
  reference: string;
  mode: DownloadMode;
  platform?: string;
  file?: string;
}

export interface PlannedDownload {
  plan: DownloadPlan;
  /** The manifest downloaded (a platform's, for an image index). */
  descriptor: Descriptor;
}

/** Fetches what the plan needs (a platform manifest, a config) and makes the plan for the mode. */
export async function planDownload(repo: ArtifactRepository, artifact: ReadArtifact, request: PlanRequest, signal?: AbortSignal): Promise<PlannedDownload> {
  if (!modesFor(artifact).includes(request.mode)) {
    throw new ContractError('invalid-input', `This artifact cannot be downloaded as "${MODE_TEXT[request.mode].label}"; choose one of the modes offered.`);
  }
  const folder = artifactFolderName(request.repository, request.reference);
  const tag = request.reference.includes(':') ? undefined : request.reference;
  if (request.mode === 'blobs') return { plan: await blobsPlan(repo, artifact, request.reference, folder, signal), descriptor: artifact.root.descriptor };
  const image = await platformManifest(repo, artifact, request.platform, signal);
  const manifest = image.manifest;
  switch (request.mode) {
    case 'files':
      if (request.file !== undefined && !manifest.layers.some((l) => l.annotations?.[TITLE] === request.file)) {
        throw new ContractError('not-found', `This artifact has no file named "${request.file.slice(0, 100)}".`);
      }
      return { plan: planFiles(manifest, request.file), descriptor: image.fetched.descriptor };
    case 'helm-tgz':
    case 'helm-untar':
      return { plan: planHelm(manifest, chartMeta(await readConfig(repo, manifest, signal)), request.mode === 'helm-untar'), descriptor: image.fetched.descriptor };
    case 'oci-layout':
      return { plan: planOciLayout(folder, image.fetched.bytes, image.fetched.descriptor, manifest, tag), descriptor: image.fetched.descriptor };
    case 'rootfs':
      return { plan: planRootfs(`${folder}-rootfs`, manifest, await readConfig(repo, manifest, signal)), descriptor: image.fetched.descriptor };
  }
}

/** An image manifest: the artifact itself, or the chosen (else this machine's, else the first) platform of an index. */
async function platformManifest(repo: ArtifactRepository, artifact: ReadArtifact, platform: string | undefined, signal?: AbortSignal): Promise<{ fetched: FetchedManifest; manifest: ImageManifest }> {
  if (artifact.root.parsed.kind === 'manifest') return { fetched: artifact.root, manifest: artifact.root.parsed.manifest };
  const ours = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' }[arch()] ?? arch();
  const chosen =
    platform !== undefined
      ? artifact.platforms.find((p) => p.digest === platform)
      : (artifact.platforms.find((p) => p.os === 'linux' && p.architecture === ours) ?? artifact.platforms[0]);
  if (!chosen) throw new ContractError('not-found', platform ? 'This image has no platform with that digest.' : 'This index lists no platform image to download.');
  const fetched = await repo.manifests().fetch(chosen.digest, signal);
  if (fetched.parsed.kind !== 'manifest') throw new ContractError('invalid-input', 'The platform entry is an index, not an image manifest.');
  return { fetched, manifest: fetched.parsed.manifest };
}

async function readConfig(repo: ArtifactRepository, manifest: ImageManifest, signal?: AbortSignal): Promise<unknown> {
  const stream = await repo.blobs().fetch(manifest.config, { maxBytes: METADATA_LIMIT, ...(signal ? { signal } : {}) });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ContractError('invalid-input', 'The artifact’s config is not valid JSON.');
  }
}

async function blobsPlan(repo: ArtifactRepository, artifact: ReadArtifact, reference: string, folder: string, signal?: AbortSignal): Promise<DownloadPlan> {
  const input: BlobsInput = { reference, manifest: { descriptor: artifact.root.descriptor, bytes: artifact.root.bytes }, children: [], layers: [] };
  if (artifact.root.parsed.kind === 'manifest') {
    input.config = artifact.root.parsed.manifest.config;
    input.layers = artifact.root.parsed.manifest.layers;
  } else {
    for (const child of artifact.root.parsed.index.manifests.slice(0, 64)) {
      const fetched = await repo.manifests().fetch(child.digest, signal);
      input.children.push({
        descriptor: fetched.descriptor,
        bytes: fetched.bytes,
        ...(fetched.parsed.kind === 'manifest' ? { config: fetched.parsed.manifest.config, layers: fetched.parsed.manifest.layers } : { layers: [] }),
      });
    }
  }
  return planBlobs(`${folder}-blobs`, input);
}
