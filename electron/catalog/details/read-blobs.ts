import type { Readable } from 'node:stream';
import type { Descriptor } from '../../oci';
import type { RegistryCatalog } from '../registry-catalog';
import { readBlobBytes } from './blob-bytes';

export const MAX_TEXT_PREVIEW = 64 * 1024;
export const MAX_JSON_DOCUMENT = 4 * 1024 * 1024;

/** A small blob (config, small file), read through the shared scheduler and verified. */
export function readSmallBlob(catalog: RegistryCatalog, repository: string, descriptor: Descriptor, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
  const repo = catalog.repository(repository);
  return catalog.deps.scheduler.run({ host: catalog.deps.host, ...(signal ? { signal } : {}) }, (s) => readBlobBytes(repo.blobs(), descriptor, maxBytes, s));
}

/**
 * A blob as a verified stream, consumed inside one scheduler slot: `consume` reads it (e.g. the
 * tar reader) and the slot is released when it is done.
 */
export function withBlobStream<T>(
  catalog: RegistryCatalog,
  repository: string,
  descriptor: Descriptor,
  maxBytes: number,
  consume: (stream: Readable, signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const repo = catalog.repository(repository);
  return catalog.deps.scheduler.run({ host: catalog.deps.host, ...(signal ? { signal } : {}) }, async (s) => {
    const stream = await repo.blobs().fetch({ mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size }, { maxBytes, signal: s });
    try {
      return await consume(stream, s);
    } finally {
      stream.destroy();
    }
  });
}

const TEXT_TYPES = /^(text\/|application\/(json|yaml|x-yaml|toml|xml|javascript)|.*\+(json|yaml|xml)$)/;
const TEXT_NAMES = /\.(txt|md|markdown|ya?ml|json|toml|ini|conf|cfg|rego|sh|py|js|ts|csv|xml|html?|properties|env)$/i;

/** Worth previewing as text: a text-ish media type or file name, small enough. */
export function looksLikeText(mediaType: string, name: string | undefined, size: number): boolean {
  if (size > MAX_TEXT_PREVIEW) return false;
  return TEXT_TYPES.test(mediaType) || (name !== undefined && TEXT_NAMES.test(name));
}

/** Bytes as text, or undefined when they are not UTF-8 text (binary never reaches the UI as text). */
export function asText(bytes: Buffer): string | undefined {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD') || /[\u0000-\u0008\u000E-\u001F]/.test(text)) return undefined;
  return text;
}
