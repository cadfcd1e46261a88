import { Bundle, sha256Digest, utf8 } from './content';
import { goJson, type Descriptor } from './go-json';
import { ANNOTATION, MT } from './media-types';
import { packManifest } from './pack';
import { gzip, tar } from './tar';
import type { SeededFacts } from './types';

export interface ChartSpec {
  name: string;
  version: string;
  appVersion: string;
  description: string;
  created: string;
  withProvenance?: boolean;
}

export interface BuiltChart {
  bundle: Bundle;
  manifest: Descriptor;
  /** `helm push` turns `+` into `_` in the tag (helm/helm#10166). */
  tag: string;
  chartLayer: Descriptor;
  provLayer?: Descriptor;
  facts: SeededFacts;
}

const HOME = 'https://example.com/demo';
const SOURCE = 'https://github.com/example/demo';
const MAINTAINER = { name: 'Ada Lovelace', email: 'ada@example.com' };

function chartYaml(spec: ChartSpec): string {
  return [
    'apiVersion: v2',
    `name: ${spec.name}`,
    `description: ${spec.description}`,
    'type: application',
    `version: ${spec.version}`,
    `appVersion: "${spec.appVersion}"`,
    `home: ${HOME}`,
    'sources:',
    `  - ${SOURCE}`,
    'keywords:',
    '  - demo',
    '  - web',
    'maintainers:',
    `  - name: ${MAINTAINER.name}`,
    `    email: ${MAINTAINER.email}`,
    '',
  ].join('\n');
}

/** chart.Metadata as encoding/json writes it: struct field order, empty fields omitted. */
function chartConfig(spec: ChartSpec): string {
  return goJson({
    name: spec.name,
    home: HOME,
    sources: [SOURCE],
    version: spec.version,
    description: spec.description,
    keywords: ['demo', 'web'],
    maintainers: [MAINTAINER],
    apiVersion: 'v2',
    appVersion: spec.appVersion,
    type: 'application',
  });
}

const VALUES = 'replicaCount: 1\nimage:\n  repository: nginx\n  tag: "1.25"\nservice:\n  port: 80\n';
const README = '# demo\n\nA demo chart seeded for Stevedore tests.\n\n| Key | Default |\n|---|---|\n| replicaCount | 1 |\n';
const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ .Release.Name }}',
  'spec:',
  '  replicas: {{ .Values.replicaCount }}',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
  '',
].join('\n');

/** A real `helm package` archive: files under `<name>/`, tar+gzip. */
export function chartArchive(spec: ChartSpec): { bytes: Uint8Array; files: string[] } {
  const entries = [
    { path: `${spec.name}/Chart.yaml`, content: chartYaml(spec) },
    { path: `${spec.name}/values.yaml`, content: VALUES },
    { path: `${spec.name}/README.md`, content: README },
    { path: `${spec.name}/templates/deployment.yaml`, content: DEPLOYMENT },
  ];
  return { bytes: gzip(tar(entries)), files: entries.map((e) => e.path) };
}

function provenance(spec: ChartSpec, archive: Uint8Array): string {
  return [
    '-----BEGIN PGP SIGNED MESSAGE-----',
    'Hash: SHA512',
    '',
    chartYaml(spec).trimEnd(),
    '',
    '...',
    'files:',
    `  ${spec.name}-${spec.version}.tgz: ${sha256Digest(archive)}`,
    '-----BEGIN PGP SIGNATURE-----',
    '',
    'wsBcBAEBCgAQBQJlAAAAAAkQc2VlZGVkIGZha2UAAAAA',
    '-----END PGP SIGNATURE-----',
    '',
  ].join('\n');
}

/**
 * A chart exactly as `helm push <name>-<version>.tgz oci://host/ns` writes it (helm pkg/registry):
 * config = Chart.yaml as JSON, chart layer, optional provenance layer, OCI annotations from the
 * chart metadata, and no top-level mediaType in the manifest body.
 */
export function buildHelmChart(spec: ChartSpec): BuiltChart {
  const bundle = new Bundle();
  const archive = chartArchive(spec);
  const chartLayer = bundle.addBlob(MT.helmChart, archive.bytes);
  const config = bundle.addBlob(MT.helmConfig, utf8(chartConfig(spec)));
  const layers = [chartLayer];
  let provLayer: Descriptor | undefined;
  if (spec.withProvenance) {
    provLayer = bundle.addBlob(MT.helmProvenance, utf8(provenance(spec, archive.bytes)));
    layers.push(provLayer);
  }
  const manifest = packManifest(bundle, {
    config,
    layers,
    omitMediaType: true,
    annotations: {
      [ANNOTATION.description]: spec.description,
      [ANNOTATION.title]: spec.name,
      [ANNOTATION.version]: spec.version,
      [ANNOTATION.url]: HOME,
      [ANNOTATION.created]: spec.created,
      [ANNOTATION.source]: SOURCE,
      [ANNOTATION.authors]: `${MAINTAINER.name} (${MAINTAINER.email})`,
    },
  });
  return {
    bundle,
    manifest,
    tag: spec.version.replaceAll('+', '_'),
    chartLayer,
    provLayer,
    facts: {
      chart: { name: spec.name, version: spec.version, appVersion: spec.appVersion, description: spec.description },
      hasProvenance: Boolean(spec.withProvenance),
      layerFiles: archive.files,
    },
  };
}
