import type { Detection, LocalEntry } from '../model';
import * as mt from '../pack/media-types';

/** What `oras push` gives a file or a folder when no type is named. */
export function orasDefaultType(entry: Pick<LocalEntry, 'type'>): string {
  return entry.type === 'directory' ? mt.ORAS_FOLDER_LAYER : mt.ORAS_DEFAULT_LAYER;
}

/** Kinds laid out as ORAS lays files out: their layers take ORAS's default type. */
export const ORAS_KINDS: readonly string[] = ['files', 'folder', 'volume', 'custom'];

/** The type an entry's content has for the tool that owns it (a chart layer, application/wasm…); ORAS's default for anything unknown. */
export function guessMediaType(entry: Pick<LocalEntry, 'type' | 'sniffed'>): string {
  if (entry.type === 'directory') return mt.ORAS_FOLDER_LAYER;
  switch (entry.sniffed) {
    case 'wasm':
    case 'wasm-component':
      return mt.WASM_LAYER;
    case 'spdx':
      return mt.SPDX_JSON;
    case 'cyclonedx':
      return mt.CYCLONEDX_JSON;
    case 'helm-chart':
      return mt.HELM_CHART_LAYER;
    case 'chart-provenance':
      return mt.HELM_PROVENANCE_LAYER;
    case 'rego':
      return mt.OPA_POLICY_LAYER;
    case 'opa-bundle':
      return mt.OPA_BUNDLE_LAYER;
    default:
      return mt.ORAS_DEFAULT_LAYER;
  }
}

const isRegoish = (e: LocalEntry) => e.type === 'file' && (e.sniffed === 'rego' || e.name === 'data.json' || e.name === '.manifest');

/** A folder that holds a chart: Chart.yaml at its top. */
export function isChartFolder(entry: LocalEntry): boolean {
  return entry.type === 'directory' && (entry.nodes ?? []).some((n) => n.rel === 'Chart.yaml' && n.type === 'file');
}

function isPolicyFolder(entry: LocalEntry): boolean {
  const files = (entry.nodes ?? []).filter((n) => n.type !== 'directory');
  return files.some((n) => n.rel.endsWith('.rego')) && files.every((n) => /\.(rego|json|manifest)$/.test(n.rel) || n.rel.endsWith('.manifest'));
}

/** Content first, then names. Always overridable in the panel. */
export function detectKind(entries: readonly LocalEntry[]): Detection {
  const charts = entries.filter((e) => e.sniffed === 'helm-chart' || isChartFolder(e));
  if (charts.length === 1 && entries.every((e) => e === charts[0] || e.sniffed === 'chart-provenance')) {
    const chart = charts[0]!;
    return { kind: 'helm', reason: chart.type === 'directory' ? `${chart.name} holds a Chart.yaml: a Helm chart folder` : `${chart.name} is a Helm chart archive (a Chart.yaml one folder down)` };
  }
  if (entries.length === 1) {
    const only = entries[0]!;
    if (only.sniffed === 'wasm' || only.sniffed === 'wasm-component') {
      return { kind: 'wasm', reason: `${only.name} starts with the WebAssembly magic bytes (\\0asm)${only.sniffed === 'wasm-component' ? ' and is a component' : ''}` };
    }
    if (only.sniffed === 'spdx') return { kind: 'sbom', reason: `${only.name} is an SPDX JSON document (spdxVersion)` };
    if (only.sniffed === 'cyclonedx') return { kind: 'sbom', reason: `${only.name} is a CycloneDX JSON document (bomFormat)` };
    if (only.sniffed === 'opa-bundle') return { kind: 'opa', reason: `${only.name} is an OPA bundle (.manifest, data.json or policies inside)` };
    if (only.type === 'directory' && isPolicyFolder(only)) return { kind: 'opa', reason: `${only.name} holds only Rego policies and data` };
    if (only.type === 'directory') return { kind: 'folder', reason: `one folder: packed as one tar+gzip layer, as oras push does` };
  }
  if (entries.length > 0 && entries.some((e) => e.sniffed === 'rego') && entries.every(isRegoish)) {
    return { kind: 'opa', reason: 'Rego policy files' };
  }
  return { kind: 'files', reason: entries.length === 1 ? 'one file: ORAS conventions' : 'several files: one layer each, ORAS conventions' };
}
