import type { PublishLayerPreview, PublishPreview } from '../../shared/contract';
import { digestBytes } from '../oci/blobs/digest';
import { canonicalManifest } from '../oci/manifests/canonical-json';
import { OCI_MANIFEST } from '../oci/manifests/media-types';
import type { Descriptor } from '../oci/manifests/manifest-types';
import type { BuiltPlan } from './build-plan';

/** A plan as the panel shows it: the exact manifest bytes, their digest and size, each blob by name. */
export function previewOf(built: BuiltPlan): PublishPreview {
  const { plan } = built;
  const bytes = canonicalManifest(plan.manifest);
  const names = new Map(plan.blobs.map((b) => [b.descriptor.digest, b.name]));
  const view = (d: Descriptor): PublishLayerPreview => ({
    name: names.get(d.digest) ?? d.digest.slice(0, 19),
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
    ...(d.annotations ? { annotations: d.annotations } : {}),
  });
  return {
    repository: plan.repository,
    tags: plan.tags,
    manifest: bytes.toString('utf8'),
    digest: digestBytes(bytes),
    size: bytes.length,
    mediaType: plan.manifest.mediaType ?? OCI_MANIFEST,
    config: view(plan.manifest.config),
    layers: plan.manifest.layers.map(view),
    problems: built.problems,
  };
}
