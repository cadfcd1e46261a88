import { ContractError } from '../../shared/contract';

export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/**
 * Reads a body that must stay small (manifests, indexes, listings): refuses by Content-Length
 * first, then counts bytes, so a lying or missing length cannot make us buffer more than `limit`.
 */
export async function readBounded(
  body: AsyncIterable<Uint8Array> & { destroy?: (error?: Error) => unknown },
  contentLength: string | string[] | undefined,
  limit: number,
  what: string,
): Promise<Buffer> {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  const tooBig = (): ContractError =>
    new ContractError('invalid-input', `The ${what} is larger than ${Math.round(limit / 1024 / 1024) || limit} ${limit >= 1024 * 1024 ? 'MiB' : 'bytes'}, the most Stevedore accepts.`);
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy?.();
    throw tooBig();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy?.();
      throw tooBig();
    }
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, size);
}
