import { Bundle, sha256Digest, utf8 } from './content';
import { goJson, sortedMap, type Descriptor } from './go-json';
import { ANNOTATION, MT } from './media-types';
import type { BuiltArtifact } from './artifacts';

/** go-containerregistry's descriptor order: mediaType, size, digest, …, annotations. */
function ggcrDescriptor(d: Descriptor): object {
  return { mediaType: d.mediaType, size: d.size, digest: d.digest, annotations: sortedMap(d.annotations) };
}

/** cosign's tag for the signatures of `digest`: `sha256-<hex>.sig`. */
export function cosignSignatureTag(digest: string): string {
  return `${digest.replace(':', '-')}.sig`;
}

/**
 * A signature as cosign 2.x writes it without the referrers API: a simple-signing payload layer
 * carrying the base64 signature in an annotation, a ggcr image config, tagged `sha256-<hex>.sig`.
 */
export function cosignSignature(subject: Descriptor, dockerReference: string): BuiltArtifact {
  const bundle = new Bundle();
  const payload = utf8(
    goJson({
      critical: {
        identity: { 'docker-reference': dockerReference },
        image: { 'docker-manifest-digest': subject.digest },
        type: 'cosign container image signature',
      },
      optional: null,
    }),
  );
  const signature = Buffer.from(`seeded signature over ${sha256Digest(payload)}`).toString('base64');
  const layer = bundle.addBlob(MT.cosignSimpleSigning, payload, { annotations: { [ANNOTATION.cosignSignature]: signature } });
  // ggcr ConfigFile with only the fields cosign fills; zero times are written, not omitted.
  const config = bundle.addBlob(
    MT.ociConfig,
    utf8(
      goJson({
        architecture: '',
        created: '0001-01-01T00:00:00Z',
        history: [{ created: '0001-01-01T00:00:00Z' }],
        os: '',
        rootfs: { type: 'layers', diff_ids: [layer.digest] },
        config: {},
      }),
    ),
  );
  const body = { schemaVersion: 2, mediaType: MT.ociManifest, config: ggcrDescriptor(config), layers: [ggcrDescriptor(layer)] };
  const manifest = bundle.addManifest(MT.ociManifest, utf8(goJson(body)));
  return { bundle, manifest, kind: 'signature', config, layers: [layer], facts: { signer: 'cosign' } };
}
