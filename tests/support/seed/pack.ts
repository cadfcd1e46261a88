import { utf8, type Bundle } from './content';
import { goJson, orderIndex, orderManifest, type Annotations, type Descriptor } from './go-json';
import { EMPTY_JSON, MT } from './media-types';

export interface PackOptions {
  artifactType?: string;
  /** Omitted: the empty config `{}` (oras-go PackManifestVersion1_1). */
  config?: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Annotations;
  /** Helm 3 writes no top-level mediaType; everything else here does. */
  omitMediaType?: boolean;
}

export function emptyConfig(bundle: Bundle): Descriptor {
  return bundle.addBlob(MT.empty, utf8(EMPTY_JSON));
}

/** An OCI image manifest serialised like oras-go's PackManifest, added to the bundle as its new root. */
export function packManifest(bundle: Bundle, opts: PackOptions): Descriptor {
  const config = opts.config ?? emptyConfig(bundle);
  const layers = opts.layers.length > 0 ? opts.layers : [emptyConfig(bundle)];
  const body = orderManifest({
    schemaVersion: 2,
    mediaType: opts.omitMediaType ? undefined : MT.ociManifest,
    artifactType: opts.artifactType,
    config,
    layers,
    subject: opts.subject,
    annotations: opts.annotations,
  });
  return bundle.addManifest(MT.ociManifest, utf8(goJson(body)));
}

export function packIndex(bundle: Bundle, manifests: Descriptor[], annotations?: Annotations): Descriptor {
  const body = orderIndex({ schemaVersion: 2, mediaType: MT.ociIndex, manifests, annotations });
  return bundle.addManifest(MT.ociIndex, utf8(goJson(body)));
}

/** A referrer's entry in a referrers list: its artifactType (or config type) and annotations. */
export function referrerDescriptor(manifest: Descriptor, artifactType: string, annotations?: Annotations): Descriptor {
  return { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.size, annotations, artifactType };
}
