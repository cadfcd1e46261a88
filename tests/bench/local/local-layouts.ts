import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  HELM_CHART_CONTENT, HELM_CONFIG, OCI_EMPTY, OCI_IMAGE_CONFIG, OCI_LAYER_TAR_GZIP, OCI_MANIFEST, WASM_CONFIG_V0, WASM_LAYER,
} from '../../../shared/artifacts/media-types';

/** The kinds the generated artifacts rotate through, so classification has real work of each sort. */
export const GENERATED_KINDS = ['image', 'helm-chart', 'wasm', 'other'] as const;
export type GeneratedKind = (typeof GENERATED_KINDS)[number];

export interface ManyLayouts {
  repositories: string[];
  artifacts: number;
  files: number;
}

interface Blob {
  digest: string;
  data: Buffer;
}

const REF_NAME = 'org.opencontainers.image.ref.name';
/** Layouts written at once: enough to keep the disk busy, few enough to bound open files. */
const PARALLEL = 16;

function blob(data: string | Buffer): Blob {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return { digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, data: bytes };
}

/** Repository `index` of `count`: nested under 25 groups, as teams name them (`team-07/service-0123`). */
export function repositoryName(index: number): string {
  return `team-${String(index % 25).padStart(2, '0')}/service-${String(index).padStart(4, '0')}`;
}

/** The kind of artifact `tag` of a repository holds (the same for a given position on every run). */
export function kindAt(repositoryIndex: number, tagIndex: number): GeneratedKind {
  return GENERATED_KINDS[(repositoryIndex + tagIndex) % GENERATED_KINDS.length] as GeneratedKind;
}

/** One small artifact of a kind: its config, one layer and its manifest, all derived from the name. */
export function artifactBlobs(kind: GeneratedKind, seed: string): { blobs: Blob[]; manifest: Blob } {
  const layer = blob(`${kind} content of ${seed}\n`);
  const config =
    kind === 'image' ? blob(JSON.stringify({ architecture: 'amd64', os: 'linux', created: '2026-01-01T00:00:00Z', rootfs: { type: 'layers', diff_ids: [layer.digest] } }))
      : kind === 'helm-chart' ? blob(JSON.stringify({ apiVersion: 'v2', name: seed.replace(/[^a-z0-9-]/g, '-'), version: '1.0.0' }))
        : kind === 'wasm' ? blob(JSON.stringify({ created: '2026-01-01T00:00:00Z', architecture: 'wasm', os: 'wasip1' }))
          : blob('{}');
  const types: Record<GeneratedKind, { config: string; layer: string; artifactType?: string }> = {
    image: { config: OCI_IMAGE_CONFIG, layer: OCI_LAYER_TAR_GZIP },
    'helm-chart': { config: HELM_CONFIG, layer: HELM_CHART_CONTENT },
    wasm: { config: WASM_CONFIG_V0, layer: WASM_LAYER },
    other: { config: OCI_EMPTY, layer: 'application/octet-stream', artifactType: 'application/vnd.example.bench.v1' },
  };
  const t = types[kind];
  const manifest = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      ...(t.artifactType ? { artifactType: t.artifactType } : {}),
      config: { mediaType: t.config, digest: config.digest, size: config.data.length },
      layers: [{ mediaType: t.layer, digest: layer.digest, size: layer.data.length }],
    }),
  );
  return { blobs: [config, layer, manifest], manifest };
}

async function writeLayout(root: string, repositoryIndex: number, artifacts: number): Promise<number> {
  const name = repositoryName(repositoryIndex);
  const dir = join(root, ...name.split('/'));
  const blobsDir = join(dir, 'blobs', 'sha256');
  await mkdir(blobsDir, { recursive: true });
  const entries: object[] = [];
  const files = new Map<string, Buffer>();
  for (let tagIndex = 0; tagIndex < artifacts; tagIndex += 1) {
    const tag = `v1.${tagIndex}.0`;
    const { blobs, manifest } = artifactBlobs(kindAt(repositoryIndex, tagIndex), `${name}:${tag}`);
    for (const b of blobs) files.set(b.digest.slice('sha256:'.length), b.data);
    entries.push({ mediaType: OCI_MANIFEST, digest: manifest.digest, size: manifest.data.length, annotations: { [REF_NAME]: tag } });
  }
  await Promise.all([...files].map(([hex, data]) => writeFile(join(blobsDir, hex), data)));
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: entries }));
  return files.size + 2;
}

/**
 * Writes `repositories` OCI image layouts under `root` (the Local registry's folder), each with
 * `artifacts` tagged artifacts of rotating kinds. Deterministic: the same bytes and digests on every
 * run and machine. Not synced: the bench flushes with `sync` before measuring.
 */
export async function writeManyLayouts(root: string, repositories: number, artifacts: number): Promise<ManyLayouts> {
  let files = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < repositories; i = next++) {
      const written = await writeLayout(root, i, artifacts);
      files += written;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, repositories) }, worker));
  return { repositories: Array.from({ length: repositories }, (_, i) => repositoryName(i)).sort(), artifacts: repositories * artifacts, files };
}
