import * as mt from './media-types';

/**
 * The one table of artifact kinds, used by the classifier (main) and the catalog UI (renderer).
 * Spin apps fold into Wasm and ORAS's generic artifacts into Other (as sub-kinds): the catalog's
 * filter lists the kinds of issue 5, and a sub-kind refines the label where it matters.
 */
export const kindIds = [
  'image',
  'image-index',
  'helm-chart',
  'wasm',
  'docker-volume',
  'sbom',
  'attestation',
  'signature',
  'opa',
  'kyverno',
  'falco',
  'flux',
  'singularity',
  'other',
  'unreadable',
] as const;
export type KindId = (typeof kindIds)[number];

export type SubKindId =
  | 'cncf-wasm'
  | 'wasm-to-oci'
  | 'spin'
  | 'spdx'
  | 'cyclonedx'
  | 'syft'
  | 'cosign'
  | 'notation'
  | 'falco-rulesfile'
  | 'falco-plugin'
  | 'falco-asset'
  | 'oras';

export type CommandId = 'docker-pull' | 'podman-pull' | 'helm-pull' | 'helm-install' | 'oras-pull' | 'flux-pull' | 'apptainer-pull';

/** A media type that recognises a kind. */
export interface TypeRule {
  mediaType: string;
  subKind?: SubKindId;
  /** A generic config type (an image config, ORAS's default): a specific layer type may override it. */
  weak?: boolean;
}

export interface KindColour {
  /** Foreground on the light theme's background (≥ 4.5:1 against LIGHT_BACKGROUND). */
  light: string;
  /** Foreground on the dark theme's background (≥ 4.5:1 against DARK_BACKGROUND). */
  dark: string;
}

export interface KindDef {
  id: KindId;
  label: string;
  description: string;
  /** A name the UI maps to an SVG (Lucide's names). */
  icon: string;
  colour: KindColour;
  /** Matched against the manifest's `artifactType`, then its `config.mediaType`. */
  types: readonly TypeRule[];
  /** Matched against layer media types when no specific artifact or config type decided. */
  layerTypes: readonly TypeRule[];
  /** Copyable commands that fit this kind, most useful first. */
  commands: readonly CommandId[];
}

export const LIGHT_BACKGROUND = '#ffffff';
export const DARK_BACKGROUND = '#1b1b1f';

const sbomFormats: readonly TypeRule[] = [
  { mediaType: mt.SPDX_JSON, subKind: 'spdx' },
  { mediaType: mt.SPDX_TEXT, subKind: 'spdx' },
  { mediaType: mt.SPDX_TEXT_JSON, subKind: 'spdx' },
  { mediaType: mt.SPDX_TEXT_XML, subKind: 'spdx' },
  { mediaType: mt.CYCLONEDX, subKind: 'cyclonedx' },
  { mediaType: mt.CYCLONEDX_JSON, subKind: 'cyclonedx' },
  { mediaType: mt.CYCLONEDX_XML, subKind: 'cyclonedx' },
  { mediaType: mt.SYFT_JSON, subKind: 'syft' },
];

export const kinds: readonly KindDef[] = [
  {
    id: 'image',
    label: 'Image',
    description: 'A container image for one platform.',
    icon: 'box',
    colour: { light: '#1d4ed8', dark: '#93c5fd' },
    types: [
      { mediaType: mt.OCI_IMAGE_CONFIG, weak: true },
      { mediaType: mt.DOCKER_IMAGE_CONFIG, weak: true },
    ],
    layerTypes: [],
    commands: ['docker-pull', 'podman-pull'],
  },
  {
    id: 'image-index',
    label: 'Multi-platform image',
    description: 'An image index: one image per platform under one tag.',
    icon: 'layers',
    colour: { light: '#4338ca', dark: '#a5b4fc' },
    types: [],
    layerTypes: [],
    commands: ['docker-pull', 'podman-pull'],
  },
  {
    id: 'helm-chart',
    label: 'Helm chart',
    description: 'A Helm chart, as `helm push` stores it.',
    icon: 'ship-wheel',
    colour: { light: '#0f1689', dark: '#9fa8ff' },
    types: [{ mediaType: mt.HELM_CONFIG }],
    layerTypes: [{ mediaType: mt.HELM_CHART_CONTENT }, { mediaType: mt.HELM_CHART_PROVENANCE }],
    commands: ['helm-pull', 'helm-install'],
  },
  {
    id: 'wasm',
    label: 'Wasm',
    description: 'A WebAssembly module or component, or a Spin app.',
    icon: 'hexagon',
    colour: { light: '#5b21b6', dark: '#c4b5fd' },
    types: [
      { mediaType: mt.WASM_CONFIG_V0, subKind: 'cncf-wasm' },
      { mediaType: mt.WASM_TO_OCI_CONFIG, subKind: 'wasm-to-oci' },
      { mediaType: mt.SPIN_CONFIG, subKind: 'spin' },
    ],
    layerTypes: [
      { mediaType: mt.WASM_LAYER, subKind: 'cncf-wasm' },
      { mediaType: mt.WASM_CONTENT_LAYER },
      { mediaType: mt.WASM_BUNDLE_LAYER, subKind: 'spin' },
      { mediaType: mt.WASM_DATA_LAYER, subKind: 'spin' },
    ],
    commands: ['oras-pull'],
  },
  {
    id: 'docker-volume',
    label: 'Docker volume',
    description: 'The contents of a Docker volume, shared through a registry.',
    icon: 'hard-drive',
    colour: { light: '#0369a1', dark: '#7dd3fc' },
    types: [{ mediaType: mt.DOCKER_VOLUME }],
    layerTypes: [],
    commands: ['oras-pull'],
  },
  {
    id: 'sbom',
    label: 'SBOM',
    description: 'A software bill of materials (SPDX, CycloneDX, Syft), usually attached to an image.',
    icon: 'list-tree',
    colour: { light: '#047857', dark: '#6ee7b7' },
    types: [{ mediaType: mt.COSIGN_SBOM }, { mediaType: mt.HARBOR_SBOM }, ...sbomFormats],
    layerTypes: sbomFormats,
    commands: ['oras-pull'],
  },
  {
    id: 'attestation',
    label: 'Attestation',
    description: 'An in-toto attestation: provenance, SBOM or other claims about an artifact.',
    icon: 'file-badge',
    colour: { light: '#0f766e', dark: '#5eead4' },
    types: [{ mediaType: mt.IN_TOTO }, { mediaType: mt.DSSE_ENVELOPE }],
    layerTypes: [{ mediaType: mt.IN_TOTO }, { mediaType: mt.DSSE_ENVELOPE }],
    commands: ['oras-pull'],
  },
  {
    id: 'signature',
    label: 'Signature',
    description: 'A Cosign or Notation signature of another artifact.',
    icon: 'signature',
    colour: { light: '#b45309', dark: '#fcd34d' },
    types: [
      { mediaType: mt.NOTATION_SIGNATURE, subKind: 'notation' },
      { mediaType: mt.SIGSTORE_BUNDLE, subKind: 'cosign' },
    ],
    layerTypes: [
      { mediaType: mt.COSIGN_SIMPLESIGNING, subKind: 'cosign' },
      { mediaType: mt.SIGSTORE_BUNDLE, subKind: 'cosign' },
    ],
    commands: ['oras-pull'],
  },
  {
    id: 'opa',
    label: 'OPA policy',
    description: 'An Open Policy Agent bundle or Rego policy.',
    icon: 'scale',
    colour: { light: '#a21caf', dark: '#f0abfc' },
    types: [{ mediaType: mt.OPA_CONFIG }],
    layerTypes: [
      { mediaType: mt.OPA_POLICY_LAYER },
      { mediaType: mt.OPA_DATA_LAYER },
      { mediaType: mt.OPA_MANIFEST_LAYER },
      { mediaType: mt.OPA_BUNDLE_LAYER },
    ],
    commands: ['oras-pull'],
  },
  {
    id: 'kyverno',
    label: 'Kyverno policy',
    description: 'Kyverno policies, as `kyverno oci push` stores them.',
    icon: 'shield-check',
    colour: { light: '#c2410c', dark: '#fdba74' },
    types: [{ mediaType: mt.KYVERNO_CONFIG }],
    layerTypes: [{ mediaType: mt.KYVERNO_POLICY_LAYER }],
    commands: ['oras-pull'],
  },
  {
    id: 'falco',
    label: 'Falco',
    description: 'Falco rules, plugins or assets, as falcoctl stores them.',
    icon: 'bird',
    colour: { light: '#0e7490', dark: '#67e8f9' },
    types: [
      { mediaType: mt.FALCO_RULESFILE_CONFIG, subKind: 'falco-rulesfile' },
      { mediaType: mt.FALCO_PLUGIN_CONFIG, subKind: 'falco-plugin' },
      { mediaType: mt.FALCO_ASSET_CONFIG, subKind: 'falco-asset' },
    ],
    layerTypes: [
      { mediaType: mt.FALCO_RULESFILE_LAYER, subKind: 'falco-rulesfile' },
      { mediaType: mt.FALCO_PLUGIN_LAYER, subKind: 'falco-plugin' },
      { mediaType: mt.FALCO_ASSET_LAYER, subKind: 'falco-asset' },
    ],
    commands: ['oras-pull'],
  },
  {
    id: 'flux',
    label: 'Flux artifact',
    description: 'Kubernetes manifests packaged by `flux push artifact`.',
    icon: 'git-branch',
    colour: { light: '#be185d', dark: '#f9a8d4' },
    types: [{ mediaType: mt.FLUX_CONFIG }],
    layerTypes: [{ mediaType: mt.FLUX_CONTENT_LAYER }],
    commands: ['flux-pull', 'oras-pull'],
  },
  {
    id: 'singularity',
    label: 'Singularity / Apptainer',
    description: 'A SIF container image for Singularity or Apptainer.',
    icon: 'atom',
    colour: { light: '#4d7c0f', dark: '#bef264' },
    types: [{ mediaType: mt.SIF_CONFIG }],
    layerTypes: [{ mediaType: mt.SIF_LAYER }],
    commands: ['apptainer-pull', 'oras-pull'],
  },
  {
    id: 'other',
    label: 'Other',
    description: 'An artifact of a type Stevedore does not know; its media type says what it is.',
    icon: 'file',
    colour: { light: '#4b5563', dark: '#d1d5db' },
    types: [
      { mediaType: mt.ORAS_UNKNOWN_ARTIFACT, subKind: 'oras', weak: true },
      { mediaType: mt.ORAS_UNKNOWN_CONFIG, subKind: 'oras', weak: true },
    ],
    layerTypes: [],
    commands: ['oras-pull'],
  },
  {
    id: 'unreadable',
    label: 'Unreadable',
    description: 'A manifest that could not be read; the reason says why.',
    icon: 'file-warning',
    colour: { light: '#b91c1c', dark: '#fca5a5' },
    types: [],
    layerTypes: [],
    commands: [],
  },
];

export const subKindLabels: Readonly<Record<SubKindId, string>> = {
  'cncf-wasm': 'Wasm (CNCF)',
  'wasm-to-oci': 'Wasm (wasm-to-oci)',
  spin: 'Spin app',
  spdx: 'SPDX',
  cyclonedx: 'CycloneDX',
  syft: 'Syft',
  cosign: 'Cosign',
  notation: 'Notation',
  'falco-rulesfile': 'Falco rules',
  'falco-plugin': 'Falco plugin',
  'falco-asset': 'Falco asset',
  oras: 'ORAS artifact',
};

const kindById = new Map<KindId, KindDef>(kinds.map((k) => [k.id, k]));

export function kindDef(id: KindId): KindDef {
  const def = kindById.get(id);
  if (!def) throw new Error(`no kind ${id}`);
  return def;
}

export function isKindId(value: unknown): value is KindId {
  return typeof value === 'string' && kindById.has(value as KindId);
}

export interface TypeMatch {
  kind: KindId;
  rule: TypeRule;
}

function indexRules(pick: (k: KindDef) => readonly TypeRule[]): ReadonlyMap<string, TypeMatch> {
  const map = new Map<string, TypeMatch>();
  for (const k of kinds) for (const rule of pick(k)) map.set(rule.mediaType, { kind: k.id, rule });
  return map;
}

const byType = indexRules((k) => k.types);
const byLayerType = indexRules((k) => k.layerTypes);

/** The kind an `artifactType` or `config.mediaType` names, if any. */
export function matchType(mediaType: string): TypeMatch | undefined {
  return byType.get(mediaType);
}

/** The kind a layer media type points at, if any. */
export function matchLayerType(mediaType: string): TypeMatch | undefined {
  return byLayerType.get(mediaType);
}

/** A label that names the sub-kind where there is one: "Spin app", "Signature (Notation)". */
export function displayLabel(kind: KindId, subKind?: SubKindId): string {
  const base = kindDef(kind).label;
  if (!subKind) return base;
  if (subKind === 'spin' || subKind === 'oras' || subKind.startsWith('falco-')) return subKindLabels[subKind];
  return `${base} (${subKindLabels[subKind]})`;
}
