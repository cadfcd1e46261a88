import { goJsonString } from '../../oci/manifests/canonical-json';
import { assembleManifest, dataBlob, titledLayer } from '../pack/oras-manifest';
import { WASM_CONFIG, WASM_LAYER } from '../pack/media-types';
import type { PackRequest, Packed } from '../pack/pack-types';
import type { WasmFacts } from './wasm-binary';

/** A created time with no fraction (chrono writes a fraction only when there is one). */
const EPOCH = '1970-01-01T00:00:00Z';

/**
 * The config of the CNCF TAG Runtime Wasm layout, as bytecodealliance's oci-wasm serialises it
 * (serde, fields in struct order, absent options as null): created, author, architecture "wasm",
 * os "wasip1" (module) or "wasip2" (component), layerDigests, component.
 */
export function wasmConfigJson(facts: WasmFacts, layerDigest: string, created: string, author: string | undefined): Buffer {
  const list = (v: string[]) => `[${v.map(goJsonString).join(',')}]`;
  const component = facts.component ? `{"exports":${list(facts.exports)},"imports":${list(facts.imports)},"target":null}` : 'null';
  return Buffer.from(
    `{"created":${goJsonString(created)},"author":${author ? goJsonString(author) : 'null'},"architecture":"wasm","os":"${facts.component ? 'wasip2' : 'wasip1'}","layerDigests":[${goJsonString(layerDigest)}],"component":${component}}`,
    'utf8',
  );
}

/**
 * A Wasm module or component: config `application/vnd.wasm.config.v0+json`, one `application/wasm`
 * layer titled with the file name (as `wkg oci push` titles it), no artifactType. The time lives in
 * the config; `created: off` writes the epoch there so the digest stays the same.
 */
export function packWasm(request: PackRequest): Packed {
  const { blobs, extras } = request;
  const problems: string[] = [];
  const files = blobs.filter((b) => b.type === 'file');
  const module = files[0];
  if (blobs.length !== 1 || !module) problems.push('A Wasm artifact is one .wasm file; drop just the module or component.');
  else if (module.sniffed !== 'wasm' && module.sniffed !== 'wasm-component') problems.push(`${module.name} is not WebAssembly (it does not start with \\0asm).`);
  const facts = request.wasm ?? { component: false, imports: [], exports: [] };
  const author = extras.annotations['org.opencontainers.image.authors'];
  const config = dataBlob('config', wasmConfigJson(facts, module?.digest ?? '', extras.created ?? EPOCH, author), WASM_CONFIG);
  const layers = module ? [titledLayer(module, WASM_LAYER)] : [];
  const packed = assembleManifest({ config, layers, emptyLayerWhenNone: false }, { ...extras, created: undefined });
  return { ...packed, problems };
}
