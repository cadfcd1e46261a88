/** Bounds on untrusted manifests: beyond these, input is ignored (with a warning) or refused. */
export const limits = {
  /** Distribution's own ceiling for a manifest body. */
  manifestBytes: 4 * 1024 * 1024,
  /** Layers or index entries examined; the rest are counted but not read. */
  descriptors: 1000,
  /** Annotations kept per object. */
  annotations: 256,
  annotationKeyChars: 256,
  annotationValueChars: 4096,
  /** Short identifiers: os, architecture, variant, os.version, features. */
  platformChars: 128,
  platformFeatures: 32,
  digestChars: 256,
} as const;
