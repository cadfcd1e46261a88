import type { PublishKind } from '../../../shared/contract';
import { packHelm } from '../helm/pack-helm';
import { packWasm } from '../wasm/pack-wasm';
import { packCustom } from './pack-custom';
import { packFiles } from './pack-files';
import { packOpa } from './pack-opa';
import { packSbom } from './pack-sbom';
import type { PackRequest, Packed } from './pack-types';
import { packVolume } from './pack-volume';

const packers: Record<PublishKind, (request: PackRequest) => Packed> = {
  files: packFiles,
  folder: packFiles,
  helm: packHelm,
  volume: packVolume,
  wasm: packWasm,
  sbom: packSbom,
  opa: packOpa,
  custom: packCustom,
};

/** The packer of the chosen kind: a pure function of the prepared blobs and the options. */
export function packArtifact(request: PackRequest): Packed {
  return packers[request.options.kind](request);
}
