import { forEachBounded } from './bounded';
import { Bundle, utf8, type Blob } from './content';
import { goJson, type Descriptor } from './go-json';
import { chartArchive } from './helm';
import { ANNOTATION, EMPTY_JSON, MT } from './media-types';
import { packManifest } from './pack';
import { TINY_WASM } from './artifacts';
import { SeedHttp } from './registry-http';
import { gzip, tar } from './tar';
import type { SeededKind } from './types';

export interface SeedManyOptions {
  repositories: number;
  tagsPerRepository: number;
  /** Repository names are `<prefix>/repo-00000`…; default `many`. */
  prefix?: string;
  /** Requests in flight at once; default 16. */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface SeededMany {
  repositories: { name: string; kind: SeededKind; tags: string[] }[];
  manifestCount: number;
  /** Blob uploads that the registry answered with a mount (the rest fell back to an upload). */
  mounted: number;
}

/** The shared content of one kind: its blobs are uploaded once and mounted everywhere else. */
interface Template {
  kind: SeededKind;
  blobs: Blob[];
  config: Descriptor;
  layers: Descriptor[];
  artifactType?: string;
}

const MAX_REPOSITORIES = 100_000;
const MAX_TAGS = 100;

function templates(): Template[] {
  const make = (kind: SeededKind, build: (b: Bundle) => { config: Descriptor; layers: Descriptor[]; artifactType?: string }): Template => {
    const bundle = new Bundle();
    const parts = build(bundle);
    return { kind, blobs: [...bundle.blobs.values()], ...parts };
  };
  return [
    make('image', (b) => ({
      layers: [b.addBlob(MT.ociLayerTarGzip, gzip(tar([{ path: 'hello.txt', content: 'hello\n' }])))],
      config: b.addBlob(MT.ociConfig, utf8(goJson({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }))),
    })),
    make('helm-chart', (b) => {
      const chart = chartArchive({ name: 'many', version: '1.0.0', appVersion: '1.0.0', description: 'bench chart', created: '2024-05-01T12:00:00Z' });
      return {
        layers: [b.addBlob(MT.helmChart, chart.bytes)],
        config: b.addBlob(MT.helmConfig, utf8(goJson({ name: 'many', version: '1.0.0', apiVersion: 'v2' }))),
      };
    }),
    make('wasm', (b) => {
      const layer = b.addBlob(MT.wasmLayer, TINY_WASM);
      return { layers: [layer], config: b.addBlob(MT.wasmConfig, utf8(goJson({ architecture: 'wasm', os: 'wasip1', layerDigests: [layer.digest] }))) };
    }),
    make('other', (b) => ({
      artifactType: MT.acmeWidget,
      layers: [b.addBlob(MT.acmeWidgetLayer, utf8('{"gears":1}'))],
      config: b.addBlob(MT.empty, utf8(EMPTY_JSON)),
    })),
  ];
}

function manifestFor(template: Template, repo: string, tag: string): { descriptor: Descriptor; bytes: Uint8Array } {
  const bundle = new Bundle();
  packManifest(bundle, {
    artifactType: template.artifactType,
    config: template.config,
    layers: template.layers,
    annotations: { [ANNOTATION.source]: repo, [ANNOTATION.version]: tag },
  });
  return bundle.root;
}

/**
 * Creates many small repositories quickly, for listing and classification benchmarks: each kind's
 * blobs are uploaded once into the first repository that uses it and mounted into the others
 * (`POST …/blobs/uploads/?mount=&from=`), then each tag is one small manifest PUT. Kinds rotate
 * image, Helm chart, Wasm, Other so classification has real work to do.
 */
export async function seedManyRepositories(registry: { host: string }, options: SeedManyOptions): Promise<SeededMany> {
  const { repositories: count, tagsPerRepository } = options;
  if (!Number.isInteger(count) || count < 1 || count > MAX_REPOSITORIES) throw new Error(`repositories must be 1…${MAX_REPOSITORIES}, got ${count}`);
  if (!Number.isInteger(tagsPerRepository) || tagsPerRepository < 1 || tagsPerRepository > MAX_TAGS) throw new Error(`tagsPerRepository must be 1…${MAX_TAGS}, got ${tagsPerRepository}`);
  const prefix = options.prefix ?? 'many';
  const concurrency = options.concurrency ?? 16;
  const kinds = templates();
  const tags = Array.from({ length: tagsPerRepository }, (_, t) => `1.0.${t}`);
  const repos = Array.from({ length: count }, (_, i) => ({ name: `${prefix}/repo-${String(i).padStart(5, '0')}`, template: kinds[i % kinds.length] as Template }));
  const http = new SeedHttp(registry.host, concurrency);
  let mounted = 0;
  try {
    // The first repository of each kind receives real uploads; it is the mount source for the rest.
    const sources = new Map<SeededKind, string>();
    for (const repo of repos.slice(0, kinds.length)) {
      for (const blob of repo.template.blobs) await http.pushBlob(repo.name, blob.digest, blob.bytes, options.signal);
      sources.set(repo.template.kind, repo.name);
    }
    await forEachBounded(
      repos,
      concurrency,
      async ({ name, template }, index) => {
        if (index >= kinds.length) {
          const from = sources.get(template.kind) as string;
          for (const blob of template.blobs) {
            if ((await http.mountBlob(name, blob.digest, from, blob.bytes, options.signal)) === 'mounted') mounted++;
          }
        }
        for (const tag of tags) {
          const manifest = manifestFor(template, name, tag);
          await http.putManifest(name, tag, manifest.descriptor.mediaType, manifest.bytes, options.signal);
        }
      },
      options.signal,
    );
  } finally {
    await http.close();
  }
  return {
    repositories: repos.map((r) => ({ name: r.name, kind: r.template.kind, tags })),
    manifestCount: count * tagsPerRepository,
    mounted,
  };
}
