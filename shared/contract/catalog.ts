import { z } from 'zod';
import type { CopyableCommand } from '../artifacts/commands';
import type { KindId, SubKindId } from '../artifacts/kinds';
import { digestString, repositoryName, tagName } from './names';
import { phantom } from './phantom';
import { registryId } from './registries';

/** A repository as the catalog lists it. */
export interface RepositoryRow {
  registryId: string;
  name: string;
  /** Pinned by the user (registries that offer no listing, or none to this user). */
  pinned: boolean;
}

export interface RepositoryListing {
  registryId: string;
  repositories: RepositoryRow[];
  /** How the list was obtained: `_catalog`, a vendor API, or only the user's pinned names. */
  source: 'catalog' | 'dockerhub' | 'harbor' | 'quay' | 'gitlab' | 'ghcr' | 'pinned';
  /** Set when listing failed or is not offered: shown in the registry's own row, never blocking others. */
  problem?: string;
}

/** What one repository holds, once its tags are classified. Streamed as `catalog.summaries`. */
export interface RepositorySummary {
  registryId: string;
  repository: string;
  tagCount: number;
  /** Artifacts per kind, referrers (signatures, SBOMs, attestations) included. */
  kinds: Partial<Record<KindId, number>>;
  problem?: string;
}

/** One tagged artifact, classified. Streamed as `catalog.artifacts`. */
export interface ArtifactRow {
  registryId: string;
  repository: string;
  tag: string;
  digest?: string;
  kind: KindId;
  subKind?: SubKindId;
  /** The exact media type that decided the kind (what "Other" shows on hover). */
  mediaType: string;
  manifestMediaType: string;
  /** Manifest + config + layers (for an index: the sum of its platforms). */
  size?: number;
  created?: string;
  /** `os/arch[/variant]` for multi-platform images. */
  platforms?: string[];
  /** Signatures, SBOMs, attestations… that point at this artifact. */
  referrerCount: number;
  /** Set when the manifest could not be read: the row shows "unreadable" with this reason. */
  problem?: string;
}

/**
 * When an image tag was built, read lazily from its image config (a multi-platform index: the
 * newest of its platforms' configs) for rows whose manifest has no created annotation. Streamed
 * as `catalog.dates` for the tags `catalog.readDates` asked for; other kinds get none.
 */
export interface TagDate {
  registryId: string;
  repository: string;
  tag: string;
  /** The manifest the date belongs to: a row showing another digest of the tag ignores it. */
  digest: string;
  /** RFC 3339. */
  created?: string;
  /** Why there is no date (the config could not be read, its date is not an RFC 3339 timestamp…). */
  problem?: string;
}

export interface TagListing {
  registryId: string;
  repository: string;
  /** Ordinary tags; referrer tags (`sha256-<hex>`, cosign `.sig`/`.att`/`.sbom`) are folded out. */
  tags: string[];
  /** Referrer tags, by the digest they point at. */
  referrerTags: Record<string, string[]>;
}

export interface LayerView {
  mediaType: string;
  digest: string;
  size: number;
  /** `org.opencontainers.image.title`, the file name ORAS restores. */
  title?: string;
  annotations?: Record<string, string>;
}

export interface ReferrerNode {
  digest: string;
  kind: KindId;
  subKind?: SubKindId;
  mediaType: string;
  artifactType?: string;
  /** Where it was found. */
  source: 'referrers-api' | 'tag-schema' | 'cosign-tag' | 'buildx';
  tag?: string;
  annotations?: Record<string, string>;
  size?: number;
  created?: string;
  children: ReferrerNode[];
}

export interface ImageDetails {
  platforms: Array<{ os: string; architecture: string; variant?: string; digest: string; size: number }>;
  config?: {
    entrypoint?: string[];
    cmd?: string[];
    env?: string[];
    exposedPorts?: string[];
    labels?: Record<string, string>;
    workingDir?: string;
    user?: string;
  };
  history: Array<{ created?: string; createdBy?: string; comment?: string; emptyLayer?: boolean }>;
}

export interface HelmDetails {
  /** Chart.yaml metadata (the config blob). */
  chart: Record<string, unknown>;
  /** Read from the chart layer, size-capped. Shown as text / sanitised markdown. */
  valuesYaml?: string;
  readme?: string;
  files: string[];
  hasProvenance: boolean;
}

export interface FileEntry {
  name: string;
  mediaType: string;
  digest: string;
  size: number;
  /** A directory ORAS packed as tar+gzip and unpacks on pull. */
  unpack: boolean;
  /** First bytes of a small text file. */
  preview?: string;
}

export interface SbomDetails {
  format: 'spdx' | 'cyclonedx' | 'syft' | 'unknown';
  specVersion?: string;
  name?: string;
  packageCount: number;
  packages: Array<{ name: string; version?: string; license?: string; purl?: string }>;
  /** More packages than the table holds. */
  truncated: boolean;
}

export interface PolicyDetails {
  files: Array<{ name: string; mediaType: string; size: number; text?: string }>;
}

export interface SignatureDetails {
  tool: 'cosign' | 'notation' | 'sigstore' | 'other';
  signedDigest?: string;
  /** Who or what signed, as far as the annotations say (certificate subject, issuer, identity). */
  signer?: string;
  predicateType?: string;
}

export interface ArtifactDetails {
  row: ArtifactRow;
  artifactType?: string;
  annotations: Record<string, string>;
  /** Pretty-printed, as fetched (size-capped). */
  manifestJson: string;
  configJson?: string;
  layers: LayerView[];
  referrers: ReferrerNode[];
  commands: CopyableCommand[];
  warnings: string[];
  image?: ImageDetails;
  helm?: HelmDetails;
  files?: FileEntry[];
  sbom?: SbomDetails;
  wasm?: { config: Record<string, unknown> };
  policy?: PolicyDetails;
  signature?: SignatureDetails;
}

/** Everything deleting a digest removes, for the confirmation to name (electron/catalog/manage/delete-plan.ts). */
export interface DeletePlan {
  repository: string;
  digest: string;
  /** Every tag on the digest (a registry removes them with it). */
  tags: string[];
  /** Referrers that go too (signatures, SBOMs, attestations), when asked for. */
  referrers: { digest: string; kind: KindId; tags: string[] }[];
}

/** Tags added to (or moved onto) one digest. */
export interface RetagResult {
  digest: string;
  tags: string[];
}

/** At most this many tags are added or moved in one retag. */
import { MAX_RETAG_TAGS } from './constants';

export { MAX_RETAG_TAGS };

const repository = repositoryName;
const tag = tagName;
const reference = z.union([tag, digestString]);

const RepositoryRef = z.object({ registryId, repository }).strict();

export const catalogCalls = {
  /** Lists a registry's repositories (plus pinned ones). `refresh` skips the cache. */
  'catalog.repositories': {
    input: z.object({ registryId, refresh: z.boolean().optional() }).strict(),
    output: phantom<RepositoryListing>(),
  },
  /** Queues classification of these repositories' tags; results stream as `catalog.summaries`. */
  'catalog.summarise': {
    input: z.object({ registryId, repositories: z.array(repository).min(1).max(500), refresh: z.boolean().optional() }).strict(),
    output: phantom<null>(),
  },
  'catalog.tags': { input: RepositoryRef.extend({ refresh: z.boolean().optional() }), output: phantom<TagListing>() },
  /** Queues classification of these tags; results stream as `catalog.artifacts`. */
  'catalog.classify': {
    input: RepositoryRef.extend({ tags: z.array(tag).min(1).max(500), refresh: z.boolean().optional() }),
    output: phantom<null>(),
  },
  /** Queues reading the build dates of these tags (the tag list's rows in view); results stream as `catalog.dates`. */
  'catalog.readDates': {
    input: RepositoryRef.extend({ tags: z.array(tag).min(1).max(500) }),
    output: phantom<null>(),
  },
  'catalog.details': { input: RepositoryRef.extend({ reference }), output: phantom<ArtifactDetails>() },
  'catalog.pin': { input: RepositoryRef, output: phantom<null>() },
  'catalog.unpin': { input: RepositoryRef, output: phantom<null>() },
  /** Adds tags to an artifact, or moves them onto it from wherever they pointed; its digest never changes. */
  'catalog.retag': {
    input: RepositoryRef.extend({ reference, tags: z.array(tag).min(1).max(MAX_RETAG_TAGS) }),
    output: phantom<RetagResult>(),
  },
  /** What deleting a digest would remove (every tag on it, its referrers if asked); refused where the registry's API cannot delete. */
  'catalog.planDelete': {
    input: RepositoryRef.extend({ digest: digestString, referrers: z.boolean() }),
    output: phantom<DeletePlan>(),
  },
  /** Deletes a digest with every tag on it (and its referrers if asked, first); returns what went. */
  'catalog.delete': {
    input: RepositoryRef.extend({ digest: digestString, referrers: z.boolean() }),
    output: phantom<DeletePlan>(),
  },
} as const;

export const catalogEvents = {
  'catalog.summaries': phantom<RepositorySummary[]>(),
  'catalog.artifacts': phantom<ArtifactRow[]>(),
  'catalog.dates': phantom<TagDate[]>(),
  /** An artifact was published to (or removed from) this repository: reload its row and tags. */
  'catalog.repositoryChanged': phantom<{ registryId: string; repository: string }>(),
} as const;
