import { open } from 'node:fs/promises';
import { unreadable } from '../sources/walk-folder';
import { CHART_LIMITS, inspectTarball } from './inspect-tarball';

const HEAD_BYTES = 64 * 1024;

/** The first bytes of a file (up to 64 KiB): enough to recognise every kind by content. */
export async function readHead(path: string, label: string, bytes = HEAD_BYTES, knownSize?: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw unreadable(label, error);
  }
  try {
    const length = knownSize === undefined ? bytes : Math.min(bytes, knownSize);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = length === 0 ? { bytesRead: 0 } : await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw unreadable(label, error);
  } finally {
    await handle.close();
  }
}

const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);

/** `wasm` (a core module, version 1) or `wasm-component` (the component layer); else undefined. */
export function sniffWasm(head: Buffer): 'wasm' | 'wasm-component' | undefined {
  if (head.length < 8 || !head.subarray(0, 4).equals(WASM_MAGIC)) return undefined;
  // bytes 4-7: version 1 for a core module; 0x0d 0x00 then layer 1 for a component
  return head[4] === 0x01 && head[5] === 0 && head[6] === 0 && head[7] === 0 ? 'wasm' : head[6] === 0x01 && head[7] === 0 ? 'wasm-component' : 'wasm';
}

/** SPDX (`spdxVersion`) or CycloneDX (`bomFormat: CycloneDX`) JSON, from the document's start. */
export function sniffSbom(head: Buffer): 'spdx' | 'cyclonedx' | undefined {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (!/^\s*\{/.test(text)) return undefined;
  if (/"spdxVersion"\s*:\s*"SPDX-/.test(text)) return 'spdx';
  if (/"bomFormat"\s*:\s*"CycloneDX"/.test(text)) return 'cyclonedx';
  return undefined;
}

function isGzip(head: Buffer): boolean {
  return head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08;
}

function looksLikeText(head: Buffer): boolean {
  return head.length > 0 && !head.includes(0);
}

/** A chart archive: `<name>/Chart.yaml` one level down (how `helm package` writes it). */
export function chartYamlPath(names: readonly string[]): string | undefined {
  return names.find((n) => /^[^/]+\/Chart\.yaml$/.test(n));
}

/** An OPA bundle: `.manifest` or `data.json` at its root, or policy files. */
export function isOpaBundle(names: readonly string[]): boolean {
  return names.some((n) => n === '.manifest' || n === 'data.json' || n.endsWith('/data.json') || n.endsWith('.rego'));
}

/**
 * What a file looks like from its content first, then its name: `helm-chart`, `opa-bundle`,
 * `tgz`, `wasm`, `wasm-component`, `spdx`, `cyclonedx`, `chart-provenance`, `rego`, `json`, `text`.
 */
export async function sniffFile(path: string, name: string, size?: number): Promise<string | undefined> {
  const head = await readHead(path, name, HEAD_BYTES, size);
  const wasm = sniffWasm(head);
  if (wasm) return wasm;
  if (isGzip(head)) {
    // larger than any chart Helm loads: not worth reading at open (an OPA bundle this big is named by kind)
    if (size !== undefined && size > CHART_LIMITS.maxCompressedBytes) return 'tgz';
    try {
      const { names } = await inspectTarball(path, name, () => false);
      if (chartYamlPath(names)) return 'helm-chart';
      if (isOpaBundle(names)) return 'opa-bundle';
      return 'tgz';
    } catch {
      return 'gzip';
    }
  }
  const sbom = sniffSbom(head);
  if (sbom) return sbom;
  const lower = name.toLowerCase();
  if (lower.endsWith('.prov') && head.toString('latin1').startsWith('-----BEGIN PGP SIGNED MESSAGE-----')) return 'chart-provenance';
  if (lower.endsWith('.rego')) return 'rego';
  if (lower.endsWith('.json') && /^\s*[[{]/.test(head.toString('utf8'))) return 'json';
  if (looksLikeText(head)) return 'text';
  return undefined;
}
