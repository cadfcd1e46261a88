import type { Descriptor, Platform } from './descriptor';
import type { KindId, SubKindId } from './kinds';

/** One platform's image inside an index. */
export interface PlatformManifest {
  digest: string;
  mediaType: string;
  size: number;
  platform: Platform;
}

/** A buildx attestation manifest inside an index: a referrer of `refersTo`, not a platform. */
export interface IndexAttestation {
  digest: string;
  mediaType: string;
  size: number;
  /** The platform manifest it describes (`vnd.docker.reference.digest`), when given and valid. */
  refersTo?: string;
}

export interface Classification {
  kind: KindId;
  subKind?: SubKindId;
  /** The exact media type that decided the kind: what the UI shows for "Other". */
  mediaType: string;
  /** The manifest's own media type (declared, or inferred from its shape). */
  manifestMediaType: string;
  /** Why this kind, in words a user can follow. */
  reason: string;
  artifactType?: string;
  subject?: Descriptor;
  /** True when this artifact describes another one (subject, buildx attestation, cosign tag). */
  isReferrer: boolean;
  /** The digest of the artifact this one refers to, when known. */
  referrerOf?: string;
  /** Index only: the images per platform. */
  platforms?: PlatformManifest[];
  /** Index only: buildx attestation manifests, kept apart from the platforms. */
  attestations?: IndexAttestation[];
  /** Index only: entries that are neither a platform nor an attestation. */
  otherManifests?: Descriptor[];
  /** The in-toto predicate type of an attestation, when an annotation names it. */
  predicateType?: string;
  /** Docker's image manifest schema 1: obsolete, shown as such. */
  schema1?: boolean;
  warnings: string[];
}

export interface ClassifyOptions {
  /** The `Content-Type` the registry answered with. */
  contentType?: string;
  /** The descriptor this manifest was reached through (an index entry, a referrers entry). */
  descriptor?: { artifactType?: string; annotations?: Record<string, string> };
  /** The tag it was fetched by: cosign's `sha256-<hex>.sig` tags make it a referrer. */
  tag?: string;
}
