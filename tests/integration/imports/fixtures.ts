import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Descriptor } from '../../../electron/oci/manifests/manifest-types';
import { OCI_EMPTY, OCI_INDEX, OCI_MANIFEST } from '../../../electron/oci/manifests/media-types';
import { LocalStore, type LayoutRepository } from '../../../electron/store';
import { runCommand } from '../../support/processes';
import { CONFIG_TYPE, LAYER_TYPE } from '../store/helpers';

export const ARTIFACT_TYPE = 'application/vnd.example.thing.v1';
export const SBOM_TYPE = 'application/spdx+json';

export interface Fixture {
  /** Local's folder the sources were written in (`<root>/src/multi`, `<root>/src/artifact`). */
  sourceRoot: string;
  /** A layout folder skopeo wrote: tags `multi` (two platforms, with an SBOM referrer) and `artifact`. */
  layout: string;
  /** skopeo's oci-archive of the two-platform image, tag `multi`. */
  archive: string;
  /** GNU tar of the whole skopeo layout folder (what `docker buildx --output type=oci` writes). */
  tarOfLayout: string;
  index: Descriptor;
  platforms: Descriptor[];
  artifact: Descriptor;
  sbom: Descriptor;
  /** Every blob digest the layout holds for the image and the artifact. */
  layers: Descriptor[];
}

async function platformImage(repo: LayoutRepository, architecture: string): Promise<{ manifest: Descriptor; layer: Descriptor }> {
  const layerData = randomBytes(20_000);
  const layer = await repo.blobs().push({ data: layerData });
  const config = await repo.blobs().push({ data: Buffer.from(JSON.stringify({ architecture, os: 'linux', created: '2026-01-02T03:04:05Z', rootfs: { type: 'layers', diff_ids: [layer.digest] } })) });
  const layerDescriptor = { mediaType: LAYER_TYPE, digest: layer.digest, size: layer.size };
  const manifest = await repo.pushManifest({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: CONFIG_TYPE, digest: config.digest, size: config.size }, layers: [layerDescriptor] });
  return { manifest: { ...manifest, platform: { architecture, os: 'linux' } }, layer: layerDescriptor };
}

/** Pushes an SBOM whose subject is `subject` into `repo`, untagged (as oras attach writes it). */
export async function attachSbom(repo: LayoutRepository, subject: Descriptor): Promise<Descriptor> {
  const empty = await repo.blobs().push({ data: Buffer.from('{}') });
  const sbom = await repo.blobs().push({ data: Buffer.from('{"spdxVersion":"SPDX-2.3","name":"fixture"}') });
  return repo.pushManifest({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: SBOM_TYPE,
    config: { mediaType: OCI_EMPTY, digest: empty.digest, size: empty.size },
    layers: [{ mediaType: SBOM_TYPE, digest: sbom.digest, size: sbom.size }],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
  });
}

/**
 * Builds the sources with Stevedore's Local store (no network here), then has skopeo write them as
 * other tools would be read: `oci:<layout>:multi` (--all), `oci:<layout>:artifact`, and
 * `oci-archive:<tar>:multi`; an SBOM referrer is attached to the layout's index afterwards.
 */
export async function makeFixture(dir: string): Promise<Fixture> {
  const sourceRoot = join(dir, 'sources');
  const store = new LocalStore(sourceRoot);
  const multi = store.repository('src/multi');
  const amd = await platformImage(multi, 'amd64');
  const arm = await platformImage(multi, 'arm64');
  const indexBytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [amd.manifest, arm.manifest] }));
  const index = await multi.manifests().push(indexBytes, OCI_INDEX, 'multi');

  const artifactRepo = store.repository('src/artifact');
  const empty = await artifactRepo.blobs().push({ data: Buffer.from('{}') });
  const file = await artifactRepo.blobs().push({ data: Buffer.from('hello from a plain artifact\n') });
  const fileDescriptor = { mediaType: 'text/plain', digest: file.digest, size: file.size, annotations: { 'org.opencontainers.image.title': 'hello.txt' } };
  const artifact = await artifactRepo.pushManifest(
    { schemaVersion: 2, mediaType: OCI_MANIFEST, artifactType: ARTIFACT_TYPE, config: { mediaType: OCI_EMPTY, digest: empty.digest, size: empty.size }, layers: [fileDescriptor] },
    'v1',
  );

  const layout = join(dir, 'skopeo-layout');
  const archive = join(dir, 'skopeo.tar');
  await runCommand('skopeo', ['copy', '--quiet', '--all', '--preserve-digests', `oci:${multi.dir}:multi`, `oci:${layout}:multi`]);
  await runCommand('skopeo', ['copy', '--quiet', '--preserve-digests', `oci:${artifactRepo.dir}:v1`, `oci:${layout}:artifact`]);
  await runCommand('skopeo', ['copy', '--quiet', '--all', '--preserve-digests', `oci:${multi.dir}:multi`, `oci-archive:${archive}:multi`]);
  // The referrer goes in untagged, as oras attach writes it; Local's writer appends to skopeo's index.
  const sbom = await attachSbom(new LocalStore(dir).repository('skopeo-layout'), index);
  const tarOfLayout = join(dir, 'layout-tar', 'whole-layout.tar');
  await mkdir(join(dir, 'layout-tar'), { recursive: true });
  await runCommand('tar', ['--format=pax', '-cf', tarOfLayout, '-C', layout, '--exclude=ingest', '--exclude=.stevedore.lock', '.']);
  return { sourceRoot, layout, archive, tarOfLayout, index, platforms: [amd.manifest, arm.manifest], artifact, sbom, layers: [amd.layer, arm.layer, fileDescriptor] };
}

/** Reads a whole stream. */
export async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
