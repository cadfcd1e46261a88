import type { BlobSource } from '../../oci/blobs/blob-source';
import type { Descriptor, ImageManifest } from '../../oci/manifests/manifest-types';
import type { PlannedBlob } from '../../transfers/push-plan';
import type { PublishOptions } from '../../../shared/contract';
import type { ChartReading } from '../helm/chart-metadata';
import type { WasmFacts } from '../wasm/wasm-binary';

/** One blob ready to be a layer or config: where its bytes are, its digest and size (already hashed). */
export interface PreparedBlob {
  /** Entry id, or a synthetic id (`config`). */
  id: string;
  /** The file or folder name (the layer title). */
  name: string;
  source: BlobSource;
  digest: string;
  size: number;
  /** The media type chosen (the user's, else the guess). */
  mediaType: string;
  /** True when the user chose `mediaType` (kind-specific packers keep their own type otherwise). */
  chosen?: boolean;
  type: 'file' | 'directory';
  /** Extra descriptor annotations (a folder's content digest and unpack flag). */
  annotations?: Record<string, string>;
  sniffed?: string;
}

/** What every packer returns: the blobs to push (config first) and the manifest that goes last. */
export interface Packed {
  blobs: PlannedBlob[];
  manifest: ImageManifest;
  /** A repository suffix (`helm push` appends the chart name). */
  repositorySuffix?: string;
  /** Tags the kind implies (a chart's version), used when the user gave none. */
  impliedTags?: string[];
  problems: string[];
}

/** Common inputs of the manifest: user annotations, the resolved created time, the attach subject. */
export interface ManifestExtras {
  annotations: Record<string, string>;
  created: string | undefined;
  subject?: Descriptor;
}

/** What a packer is given: the validated options, the prepared top-level entries in order, the manifest extras. */
export interface PackRequest {
  options: PublishOptions;
  blobs: PreparedBlob[];
  extras: ManifestExtras;
  /** Helm: the chart archive (a dropped .tgz, or the folder packaged), its Chart.yaml reading, the .prov beside it. */
  helm?: { chart: PreparedBlob; reading: ChartReading; provenance?: PreparedBlob } | { problems: string[] };
  /** Wasm: what the binary is (a core module, or a component with its imports and exports). */
  wasm?: WasmFacts;
}
