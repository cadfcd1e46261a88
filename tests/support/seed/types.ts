import type { Annotations } from './go-json';

/** The kinds the catalog must tell apart (issue 5), as the seeded artifact is expected to show. */
export type SeededKind =
  | 'image'
  | 'helm-chart'
  | 'wasm'
  | 'docker-volume'
  | 'sbom'
  | 'attestation'
  | 'signature'
  | 'opa'
  | 'kyverno'
  | 'falco'
  | 'flux'
  | 'singularity'
  | 'other';

export interface SeededLayer {
  mediaType: string;
  digest: string;
  size: number;
  /** `org.opencontainers.image.title`, when the tool sets one. */
  title?: string;
  annotations?: Annotations;
}

/** Facts an e2e test can assert on the detail view, without hard-coding digests. */
export interface SeededFacts {
  /** `os/arch[/variant]` of each platform, in index order. */
  platforms?: string[];
  /** Platform manifest digest → its buildx attestation manifest digest. */
  attestations?: Record<string, string>;
  entrypoint?: string[];
  cmd?: string[];
  env?: string[];
  exposedPorts?: string[];
  labels?: Record<string, string>;
  historyCount?: number;
  /** File paths inside an image layer or chart archive. */
  layerFiles?: string[];
  chart?: { name: string; version: string; appVersion: string; description: string };
  hasProvenance?: boolean;
  /** File names from title annotations, in layer order. */
  files?: string[];
  sbom?: { format: 'spdx'; packages: string[] };
  predicateTypes?: string[];
  signer?: string;
  /** The unknown media type the UI must show on hover for "Other". */
  shownMediaType?: string;
  wasm?: { os: string; architecture: string };
}

export interface SeededArtifact {
  /** A stable handle for tests, e.g. `image-oci`, `helm-chart-prov`. */
  name: string;
  repository: string;
  /** Tag it is reachable by; buildx attestations and platform manifests have none. */
  tag?: string;
  digest: string;
  size: number;
  /** Manifest media type (Content-Type on PUT). */
  mediaType: string;
  artifactType?: string;
  configMediaType?: string;
  kind: SeededKind;
  /** For referrers: the digest of the artifact they describe. */
  subject?: string;
  layers: SeededLayer[];
  annotations?: Annotations;
  facts: SeededFacts;
  pushedWith: 'skopeo' | 'http';
  /** What the tool writes that is worth knowing when checking the manifest (e.g. helm omits mediaType). */
  note?: string;
}

/** A tag-schema referrers index (`sha256-<hex>`), as oras writes it where the registry has no referrers API. */
export interface SeededReferrersIndex {
  repository: string;
  tag: string;
  digest: string;
  subject: string;
  referrers: string[];
}

export interface SeededCatalog {
  host: string;
  artifacts: SeededArtifact[];
  referrersIndexes: SeededReferrersIndex[];
  /** Repository → every tag the seed created there. */
  tags: Record<string, string[]>;
  /** What was deliberately not seeded, and why. */
  skipped: { what: string; why: string }[];
  /** The artifact with this handle; throws when there is none, so a typo fails loudly. */
  get(name: string): SeededArtifact;
  /** Every artifact the catalog is expected to classify as this kind. */
  ofKind(kind: SeededKind): SeededArtifact[];
}
