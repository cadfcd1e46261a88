import { describe, expect, it } from 'vitest';
import { digestBytes } from '../../oci/blobs/digest';
import { canonicalManifest } from '../../oci/manifests/canonical-json';
import { sniffWasm } from '../detect/sniff-file';
import { blobOf, extrasOf, optionsOf } from '../pack/test-fixtures';
import { packWasm, wasmConfigJson } from './pack-wasm';
import { readWasm } from './wasm-binary';

const name = (text: string) => [text.length, ...Buffer.from(text)];
const section = (id: number, body: number[]) => [id, body.length, ...body];

/** A tiny component binary: a type section to skip, one instance import, one instance export. */
function component(): Buffer {
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00,
    ...section(7, [0x01, 0x42, 0x00]),
    ...section(10, [0x01, 0x00, ...name('wasi:cli/environment@0.2.0'), 0x05, 0x00]),
    ...section(11, [0x01, 0x00, ...name('wasi:cli/run@0.2.0'), 0x05, 0x01, 0x00]),
  ]);
}
const module = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

describe('wasm binaries', () => {
  it('tells a core module from a component by the preamble', () => {
    expect(sniffWasm(module)).toBe('wasm');
    expect(sniffWasm(component())).toBe('wasm-component');
    expect(sniffWasm(Buffer.from('not wasm at all'))).toBeUndefined();
  });

  it('reads a component\'s top-level import and export names', () => {
    expect(readWasm(component())).toEqual({ component: true, imports: ['wasi:cli/environment@0.2.0'], exports: ['wasi:cli/run@0.2.0'] });
    expect(readWasm(module)).toEqual({ component: false, imports: [], exports: [] });
    const truncated = component().subarray(0, 30);
    expect(readWasm(truncated)).toMatchObject({ component: true, imports: [], exports: [], unreadable: expect.any(String) });
  });
});

describe('packWasm (CNCF TAG Runtime layout)', () => {
  it('a module: config with created, null author, architecture wasm, os wasip1, layerDigests, null component; one application/wasm layer', () => {
    const layer = blobOf('e0', 'hello.wasm', module.toString('latin1'), { sniffed: 'wasm', mediaType: 'application/wasm' });
    const packed = packWasm({ options: optionsOf({ kind: 'wasm' }), blobs: [layer], extras: extrasOf({ created: '2024-02-03T04:05:06Z' }), wasm: readWasm(module) });
    expect(packed.problems).toEqual([]);
    const config = packed.blobs[0]!;
    const json = `{"created":"2024-02-03T04:05:06Z","author":null,"architecture":"wasm","os":"wasip1","layerDigests":["${layer.digest}"],"component":null}`;
    expect(Buffer.from((config.source as { data: Uint8Array }).data).toString()).toBe(json);
    expect(canonicalManifest(packed.manifest).toString()).toBe(
      `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.wasm.config.v0+json","digest":"${digestBytes(Buffer.from(json))}","size":${json.length}},` +
        `"layers":[{"mediaType":"application/wasm","digest":"${layer.digest}","size":8,"annotations":{"org.opencontainers.image.title":"hello.wasm"}}]}`,
    );
  });

  it('a component: os wasip2 and its imports/exports; created off writes the epoch so the digest is stable', () => {
    const facts = readWasm(component());
    expect(wasmConfigJson(facts, 'sha256:x', '1970-01-01T00:00:00Z', 'Ada').toString()).toBe(
      '{"created":"1970-01-01T00:00:00Z","author":"Ada","architecture":"wasm","os":"wasip2","layerDigests":["sha256:x"],"component":{"exports":["wasi:cli/run@0.2.0"],"imports":["wasi:cli/environment@0.2.0"],"target":null}}',
    );
    const layer = blobOf('e0', 'c.wasm', component().toString('latin1'), { sniffed: 'wasm-component' });
    const a = packWasm({ options: optionsOf({ kind: 'wasm' }), blobs: [layer], extras: extrasOf(), wasm: facts });
    const b = packWasm({ options: optionsOf({ kind: 'wasm' }), blobs: [layer], extras: extrasOf(), wasm: facts });
    expect(canonicalManifest(a.manifest).equals(canonicalManifest(b.manifest))).toBe(true);
  });

  it('a file that is not WebAssembly is a problem naming it', () => {
    const text = blobOf('e0', 'notes.txt', 'hello', { sniffed: 'text' });
    expect(packWasm({ options: optionsOf({ kind: 'wasm' }), blobs: [text], extras: extrasOf() }).problems).toEqual(['notes.txt is not WebAssembly (it does not start with \\0asm).']);
  });
});
