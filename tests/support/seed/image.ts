import { Bundle, sha256Digest, utf8 } from './content';
import { goJson, goJsonIndented, orderDescriptor, sortedMap, type Descriptor, type Platform } from './go-json';
import { MT } from './media-types';
import { gzip, tar, type TarEntry } from './tar';
import type { SeededFacts } from './types';

export interface ImageSpec {
  platform: Platform;
  created: string;
  files: TarEntry[];
  entrypoint: string[];
  cmd: string[];
  env: string[];
  exposedPorts: string[];
  labels: Record<string, string>;
  workingDir?: string;
}

export interface BuiltImage {
  bundle: Bundle;
  manifest: Descriptor;
  config: Descriptor;
  layer: Descriptor;
  facts: SeededFacts;
}

/** ocispec.Image field order (created, author, platform fields, config, rootfs, history). */
function imageConfig(spec: ImageSpec, diffId: string): string {
  const exposed: Record<string, object> = {};
  for (const port of spec.exposedPorts) exposed[port] = {};
  return goJson({
    created: spec.created,
    author: 'Stevedore seed',
    architecture: spec.platform.architecture,
    os: spec.platform.os,
    variant: spec.platform.variant,
    config: {
      ExposedPorts: sortedMap(exposed),
      Env: spec.env,
      Entrypoint: spec.entrypoint,
      Cmd: spec.cmd,
      WorkingDir: spec.workingDir,
      Labels: sortedMap(spec.labels),
    },
    rootfs: { type: 'layers', diff_ids: [diffId] },
    history: [
      { created: spec.created, created_by: '/bin/sh -c #(nop) COPY dir:seed in / ', comment: 'buildkit.dockerfile.v0' },
      { created: spec.created, created_by: `/bin/sh -c #(nop)  ENTRYPOINT ${JSON.stringify(spec.entrypoint)}`, empty_layer: true },
    ],
  });
}

function factsOf(spec: ImageSpec): SeededFacts {
  const p = spec.platform;
  return {
    platforms: [[p.os, p.architecture, p.variant].filter(Boolean).join('/')],
    entrypoint: spec.entrypoint,
    cmd: spec.cmd,
    env: spec.env,
    exposedPorts: spec.exposedPorts,
    labels: spec.labels,
    historyCount: 2,
    layerFiles: spec.files.filter((f) => f.content !== undefined).map((f) => f.path),
  };
}

/** A single-platform OCI image: one real tar+gzip layer, a full image config. */
export function buildOciImage(spec: ImageSpec, bundle = new Bundle()): BuiltImage {
  const layerTar = tar(spec.files);
  const layer = bundle.addBlob(MT.ociLayerTarGzip, gzip(layerTar));
  const config = bundle.addBlob(MT.ociConfig, utf8(imageConfig(spec, sha256Digest(layerTar))));
  const body = { schemaVersion: 2, mediaType: MT.ociManifest, config: orderDescriptor(config), layers: [orderDescriptor(layer)] };
  const manifest = bundle.addManifest(MT.ociManifest, utf8(goJson(body)));
  return { bundle, manifest, config, layer, facts: factsOf(spec) };
}

/**
 * A Docker v2 schema2 image as `docker push` writes it: Distribution's schema2 package marshals
 * with three-space indentation, and the descriptor order is mediaType, size, digest.
 */
export function buildDockerImage(spec: ImageSpec, bundle = new Bundle()): BuiltImage {
  const layerTar = tar(spec.files);
  const layer = bundle.addBlob(MT.dockerLayer, gzip(layerTar));
  const config = bundle.addBlob(MT.dockerConfig, utf8(imageConfig(spec, sha256Digest(layerTar))));
  const dockerDescriptor = (d: Descriptor) => ({ mediaType: d.mediaType, size: d.size, digest: d.digest });
  const body = { schemaVersion: 2, mediaType: MT.dockerManifest, config: dockerDescriptor(config), layers: [dockerDescriptor(layer)] };
  const manifest = bundle.addManifest(MT.dockerManifest, utf8(goJsonIndented(body)));
  return { bundle, manifest, config, layer, facts: factsOf(spec) };
}
