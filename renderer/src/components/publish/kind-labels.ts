import type { PublishKind } from '../../../../shared/contract';

/** What each kind is called in the panel, and the layout it writes. */
export const KIND_LABELS: Record<PublishKind, string> = {
  files: 'Files (ORAS: one layer per file)',
  folder: 'Folder (ORAS: one tar+gzip layer)',
  helm: 'Helm chart',
  volume: 'Docker volume',
  wasm: 'Wasm module',
  sbom: 'SBOM',
  opa: 'OPA bundle or policy',
  custom: 'Custom type',
};
