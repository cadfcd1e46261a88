/** Every media type Stevedore recognises, by the spec or tool that writes it (see artifact-types.md). */

// Manifests and indexes
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST_V1_SIGNED = 'application/vnd.docker.distribution.manifest.v1+prettyjws';
export const DOCKER_MANIFEST_V1 = 'application/vnd.docker.distribution.manifest.v1+json';

export const MANIFEST_TYPES: readonly string[] = [OCI_MANIFEST, DOCKER_MANIFEST_V2];
export const INDEX_TYPES: readonly string[] = [OCI_INDEX, DOCKER_MANIFEST_LIST];
export const SCHEMA1_TYPES: readonly string[] = [DOCKER_MANIFEST_V1_SIGNED, DOCKER_MANIFEST_V1];
/** What to send in `Accept` when fetching a manifest of any kind. */
export const ACCEPT_MANIFESTS: readonly string[] = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST_V2, DOCKER_MANIFEST_LIST];

// Empty config / empty layer (OCI 1.1)
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
export const EMPTY_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';
export const EMPTY_SIZE = 2;

// Container images
export const OCI_IMAGE_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const DOCKER_IMAGE_CONFIG = 'application/vnd.docker.container.image.v1+json';
export const OCI_LAYER_TAR = 'application/vnd.oci.image.layer.v1.tar';
export const OCI_LAYER_TAR_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const OCI_LAYER_TAR_ZSTD = 'application/vnd.oci.image.layer.v1.tar+zstd';
export const OCI_LAYER_NONDIST_TAR = 'application/vnd.oci.image.layer.nondistributable.v1.tar';
export const OCI_LAYER_NONDIST_TAR_GZIP = 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip';
export const OCI_LAYER_NONDIST_TAR_ZSTD = 'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd';
export const DOCKER_LAYER_TAR_GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
export const DOCKER_FOREIGN_LAYER_TAR_GZIP = 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip';
export const IMAGE_LAYER_TYPES: readonly string[] = [
  OCI_LAYER_TAR,
  OCI_LAYER_TAR_GZIP,
  OCI_LAYER_TAR_ZSTD,
  OCI_LAYER_NONDIST_TAR,
  OCI_LAYER_NONDIST_TAR_GZIP,
  OCI_LAYER_NONDIST_TAR_ZSTD,
  DOCKER_LAYER_TAR_GZIP,
  DOCKER_FOREIGN_LAYER_TAR_GZIP,
];

// Helm
export const HELM_CONFIG = 'application/vnd.cncf.helm.config.v1+json';
export const HELM_CHART_CONTENT = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
export const HELM_CHART_PROVENANCE = 'application/vnd.cncf.helm.chart.provenance.v1.prov';
/** What Helm ≤ 3.0 wrote for the chart layer; too generic to recognise a chart on its own. */
export const HELM_LEGACY_CHART_CONTENT = 'application/tar+gzip';

// Docker volume
export const DOCKER_VOLUME = 'application/vnd.docker.volume.v1+tar.gz';

// Wasm
export const WASM_CONFIG_V0 = 'application/vnd.wasm.config.v0+json';
export const WASM_LAYER = 'application/wasm';
export const WASM_TO_OCI_CONFIG = 'application/vnd.wasm.config.v1+json';
export const WASM_CONTENT_LAYER = 'application/vnd.wasm.content.layer.v1+wasm';
export const SPIN_CONFIG = 'application/vnd.fermyon.spin.application.v1+config';
export const WASM_DATA_LAYER = 'application/vnd.wasm.content.layer.v1+data';
export const WASM_BUNDLE_LAYER = 'application/vnd.wasm.content.bundle.v1.tar+gzip';

// SBOM
export const COSIGN_SBOM = 'application/vnd.dev.cosign.artifact.sbom.v1+json';
export const SPDX_JSON = 'application/spdx+json';
export const SPDX_TEXT = 'text/spdx';
export const SPDX_TEXT_JSON = 'text/spdx+json';
export const SPDX_TEXT_XML = 'text/spdx+xml';
export const CYCLONEDX = 'application/vnd.cyclonedx';
export const CYCLONEDX_JSON = 'application/vnd.cyclonedx+json';
export const CYCLONEDX_XML = 'application/vnd.cyclonedx+xml';
export const SYFT_JSON = 'application/vnd.syft+json';
export const HARBOR_SBOM = 'application/vnd.goharbor.harbor.sbom.v1';

// Attestations
export const IN_TOTO = 'application/vnd.in-toto+json';
export const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json';

// Signatures
export const COSIGN_SIMPLESIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const SIGSTORE_BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const NOTATION_SIGNATURE = 'application/vnd.cncf.notary.signature';
export const JOSE_JSON = 'application/jose+json';
export const COSE = 'application/cose';

// OPA
export const OPA_CONFIG = 'application/vnd.cncf.openpolicyagent.config.v1+json';
export const OPA_POLICY_LAYER = 'application/vnd.cncf.openpolicyagent.policy.layer.v1+rego';
export const OPA_DATA_LAYER = 'application/vnd.cncf.openpolicyagent.data.layer.v1+json';
export const OPA_MANIFEST_LAYER = 'application/vnd.cncf.openpolicyagent.manifest.layer.v1+json';
export const OPA_BUNDLE_LAYER = 'application/vnd.cncf.openpolicyagent.layer.v1.tar+gzip';

// Kyverno
export const KYVERNO_CONFIG = 'application/vnd.cncf.kyverno.config.v1+json';
export const KYVERNO_POLICY_LAYER = 'application/vnd.cncf.kyverno.policy.layer.v1+yaml';

// Falco
export const FALCO_RULESFILE_CONFIG = 'application/vnd.cncf.falco.rulesfile.config.v1+json';
export const FALCO_PLUGIN_CONFIG = 'application/vnd.cncf.falco.plugin.config.v1+json';
export const FALCO_ASSET_CONFIG = 'application/vnd.cncf.falco.asset.config.v1+json';
export const FALCO_RULESFILE_LAYER = 'application/vnd.cncf.falco.rulesfile.layer.v1+tar.gz';
export const FALCO_PLUGIN_LAYER = 'application/vnd.cncf.falco.plugin.layer.v1+tar.gz';
export const FALCO_ASSET_LAYER = 'application/vnd.cncf.falco.asset.layer.v1+tar.gz';

// Flux
export const FLUX_CONFIG = 'application/vnd.cncf.flux.config.v1+json';
export const FLUX_CONTENT_LAYER = 'application/vnd.cncf.flux.content.v1.tar+gzip';

// Singularity / Apptainer
export const SIF_CONFIG = 'application/vnd.sylabs.sif.config.v1+json';
export const SIF_LAYER = 'application/vnd.sylabs.sif.layer.v1.sif';

// ORAS defaults
export const ORAS_UNKNOWN_ARTIFACT = 'application/vnd.unknown.artifact.v1';
export const ORAS_UNKNOWN_CONFIG = 'application/vnd.unknown.config.v1+json';

// Annotations
export const ANNOTATION_TITLE = 'org.opencontainers.image.title';
export const ANNOTATION_CREATED = 'org.opencontainers.image.created';
export const ANNOTATION_VERSION = 'org.opencontainers.image.version';
export const ANNOTATION_DOCKER_REFERENCE_TYPE = 'vnd.docker.reference.type';
export const ANNOTATION_DOCKER_REFERENCE_DIGEST = 'vnd.docker.reference.digest';
export const DOCKER_REFERENCE_TYPE_ATTESTATION = 'attestation-manifest';
export const ANNOTATION_IN_TOTO_PREDICATE_TYPE = 'in-toto.io/predicate-type';
export const ANNOTATION_SIGSTORE_BUNDLE_PREDICATE_TYPE = 'dev.sigstore.bundle.predicateType';
export const ANNOTATION_SIGSTORE_BUNDLE_CONTENT = 'dev.sigstore.bundle.content';
/** `dev.sigstore.bundle.content` of a bundle that wraps an in-toto statement. */
export const SIGSTORE_CONTENT_DSSE = 'dsse-envelope';
/** The predicate type cosign gives plain signatures stored as bundles. */
export const SIGSTORE_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
/** cosign `.att` layers name their predicate with this bare key. */
export const ANNOTATION_COSIGN_PREDICATE_TYPE = 'predicateType';
export const ANNOTATION_COSIGN_SIGNATURE = 'dev.cosignproject.cosign/signature';
export const ANNOTATION_ORAS_CONTENT_DIGEST = 'io.deis.oras.content.digest';
export const ANNOTATION_ORAS_CONTENT_UNPACK = 'io.deis.oras.content.unpack';
