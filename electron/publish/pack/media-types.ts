/** Media types the packers write, each as the owning tool spells it. */
export const ORAS_DEFAULT_LAYER = 'application/vnd.oci.image.layer.v1.tar';
export const ORAS_FOLDER_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const ORAS_UNKNOWN_ARTIFACT = 'application/vnd.unknown.artifact.v1';
export const ORAS_UNKNOWN_CONFIG = 'application/vnd.unknown.config.v1+json';
export const ANNOTATION_TITLE = 'org.opencontainers.image.title';
export const ANNOTATION_CREATED = 'org.opencontainers.image.created';
export const ANNOTATION_CONTENT_DIGEST = 'io.deis.oras.content.digest';
export const ANNOTATION_UNPACK = 'io.deis.oras.content.unpack';

export const HELM_CONFIG = 'application/vnd.cncf.helm.config.v1+json';
export const HELM_CHART_LAYER = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
export const HELM_PROVENANCE_LAYER = 'application/vnd.cncf.helm.chart.provenance.v1.prov';

export const DOCKER_VOLUME = 'application/vnd.docker.volume.v1+tar.gz';

export const WASM_CONFIG = 'application/vnd.wasm.config.v0+json';
export const WASM_LAYER = 'application/wasm';

export const SPDX_JSON = 'application/spdx+json';
export const CYCLONEDX_JSON = 'application/vnd.cyclonedx+json';

export const OPA_CONFIG = 'application/vnd.cncf.openpolicyagent.config.v1+json';
export const OPA_BUNDLE_LAYER = 'application/vnd.cncf.openpolicyagent.layer.v1.tar+gzip';
export const OPA_POLICY_LAYER = 'application/vnd.cncf.openpolicyagent.policy.layer.v1+rego';
export const OPA_DATA_LAYER = 'application/vnd.cncf.openpolicyagent.data.layer.v1+json';
