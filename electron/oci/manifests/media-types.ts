export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_SCHEMA1 = 'application/vnd.docker.distribution.manifest.v1+json';
export const DOCKER_SCHEMA1_SIGNED = 'application/vnd.docker.distribution.manifest.v1+prettyjws';
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
export const EMPTY_JSON_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';

export const IMAGE_MANIFEST_TYPES = [OCI_MANIFEST, DOCKER_MANIFEST] as const;
export const INDEX_TYPES = [OCI_INDEX, DOCKER_MANIFEST_LIST] as const;
export const MANIFEST_TYPES = [...IMAGE_MANIFEST_TYPES, ...INDEX_TYPES] as const;

/** Every type named explicitly: Distribution 404s OCI manifests for `*\/*`. */
export const MANIFEST_ACCEPT = MANIFEST_TYPES.join(', ');

export function isIndexType(mediaType: string): boolean {
  return (INDEX_TYPES as readonly string[]).includes(mediaType);
}
export function isImageManifestType(mediaType: string): boolean {
  return (IMAGE_MANIFEST_TYPES as readonly string[]).includes(mediaType);
}
export function isSchema1(mediaType: string | undefined): boolean {
  return mediaType === DOCKER_SCHEMA1 || mediaType === DOCKER_SCHEMA1_SIGNED || mediaType === 'application/json';
}
