import { repositoryName } from '../../../shared/contract';
import { assembleManifest, dataBlob, plainLayer } from '../pack/oras-manifest';
import { HELM_CHART_LAYER, HELM_CONFIG, HELM_PROVENANCE_LAYER } from '../pack/media-types';
import type { PackRequest, Packed } from '../pack/pack-types';
import { chartConfigJson, chartManifestAnnotations } from './chart-metadata';
import { chartTag } from './semver';

/**
 * `helm push chart.tgz oci://host/<repository>` (Helm 3): config = Chart.yaml as JSON, the chart
 * layer (the archive's bytes as they are) and the provenance layer when present, sorted by digest
 * as Helm sorts them, no layer annotations, Helm's manifest annotations; pushed to
 * `<repository>/<chart name>:<version with + as _>`.
 */
export function packHelm(request: PackRequest): Packed {
  const { options, extras } = request;
  const helm = request.helm;
  if (!helm || 'problems' in helm) {
    return { ...assembleManifest({ config: dataBlob('config', Buffer.from('{}'), HELM_CONFIG), layers: [], emptyLayerWhenNone: false }, extras), problems: helm?.problems ?? ['Drop a Helm chart (.tgz) or a chart folder.'] };
  }
  const problems: string[] = [];
  const extraEntries = request.blobs.filter((b) => b.id !== helm.chart.id && b.id !== helm.provenance?.id);
  for (const extra of extraEntries) problems.push(`${extra.name} is not part of a Helm chart; leave it out or choose another kind.`);
  if (!helm.reading.ok) {
    problems.push(...helm.reading.problems);
    return { ...assembleManifest({ config: dataBlob('config', Buffer.from('{}'), HELM_CONFIG), layers: [plainLayer(helm.chart, HELM_CHART_LAYER)], emptyLayerWhenNone: false }, extras), problems };
  }
  const meta = helm.reading.metadata;
  const fullRepository = `${options.repository}/${meta.name}`;
  if (!repositoryName.safeParse(fullRepository).success) {
    problems.push(`The chart name "${meta.name}" cannot be a repository name (${fullRepository}): registries take lower-case letters, digits and . _ - only.`);
  }
  const config = dataBlob('Chart.yaml (config)', chartConfigJson(meta), HELM_CONFIG);
  const layers = [plainLayer(helm.chart, HELM_CHART_LAYER), ...(helm.provenance ? [plainLayer(helm.provenance, HELM_PROVENANCE_LAYER)] : [])];
  layers.sort((a, b) => (a.descriptor.digest < b.descriptor.digest ? -1 : a.descriptor.digest > b.descriptor.digest ? 1 : 0));
  const helmAnnotations = chartManifestAnnotations(meta, extras.created);
  const user = Object.fromEntries(Object.entries(extras.annotations).filter(([k]) => k !== 'org.opencontainers.image.title' && k !== 'org.opencontainers.image.version'));
  const packed = assembleManifest({ config, layers, emptyLayerWhenNone: false }, { ...extras, annotations: { ...helmAnnotations, ...user }, created: undefined });
  return { ...packed, repositorySuffix: meta.name, impliedTags: [chartTag(meta.version)], problems };
}
