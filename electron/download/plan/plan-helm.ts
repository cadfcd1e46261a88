import { ContractError } from '../../../shared/contract';
import type { ImageManifest } from '../../oci/manifests/manifest-types';
import { unsafeReason } from '../extract/entry-path';
import type { DownloadPlan } from './plan-types';

const CHART_LAYERS = ['application/vnd.cncf.helm.chart.content.v1.tar+gzip', 'application/tar+gzip'];
const PROVENANCE = 'application/vnd.cncf.helm.chart.provenance.v1.prov';
// Helm's own rule for chart names (pkg/chart/metadata.go) and a semver-ish version.
const CHART_NAME = /^[a-zA-Z0-9._-]{1,250}$/;
const CHART_VERSION = /^[0-9A-Za-z.+_-]{1,128}$/;

export interface ChartMeta {
  name: string;
  version: string;
}

/** Name and version from the chart's config blob (Chart.yaml as JSON), checked before they become file names. */
export function chartMeta(config: unknown): ChartMeta {
  const record = typeof config === 'object' && config !== null ? (config as Record<string, unknown>) : {};
  const { name, version } = record;
  if (typeof name !== 'string' || !CHART_NAME.test(name) || name === '.' || name === '..' || unsafeReason(name) !== undefined) {
    throw new ContractError('invalid-input', `The chart's name ${JSON.stringify(String(name).slice(0, 60))} cannot be a file name; download it as blobs instead.`);
  }
  if (typeof version !== 'string' || !CHART_VERSION.test(version)) {
    throw new ContractError('invalid-input', `The chart's version ${JSON.stringify(String(version).slice(0, 60))} cannot be a file name; download it as blobs instead.`);
  }
  return { name, version };
}

/**
 * A Helm chart as `helm pull` saves it (`<name>-<version>.tgz`) or as `helm pull --untar`
 * (`<name>/`), with `<name>-<version>.tgz.prov` when the chart has provenance.
 */
export function planHelm(manifest: ImageManifest, meta: ChartMeta, untar: boolean): DownloadPlan {
  const chart = manifest.layers.find((layer) => CHART_LAYERS.includes(layer.mediaType));
  if (!chart) throw new ContractError('invalid-input', 'This chart has no chart layer to download; download it as blobs instead.');
  const archive = `${meta.name}-${meta.version}.tgz`;
  const plan: DownloadPlan = { outputs: [], refused: [], notes: [] };
  plan.outputs.push(untar ? { kind: 'unpack', name: meta.name, descriptor: chart } : { kind: 'blob', name: archive, descriptor: chart });
  const prov = manifest.layers.find((layer) => layer.mediaType === PROVENANCE);
  if (prov) plan.outputs.push({ kind: 'blob', name: `${archive}.prov`, descriptor: prov });
  return plan;
}
