import type { FileHandle } from 'node:fs/promises';

/**
 * Writes `buffers` back to back at `position`, repeating after a short write (a regular file may
 * take fewer bytes than asked, e.g. at a signal or near a quota) until every byte is in.
 */
export async function writevFully(file: FileHandle, buffers: readonly Uint8Array[], position: number): Promise<void> {
  let pending = buffers.filter((buffer) => buffer.byteLength > 0);
  let at = position;
  while (pending.length > 0) {
    const { bytesWritten } = await file.writev(pending, at);
    if (bytesWritten <= 0) throw Object.assign(new Error('the file took no bytes'), { code: 'EIO' });
    at += bytesWritten;
    pending = remainder(pending, bytesWritten);
  }
}

/** What is left of `buffers` once their first `consumed` bytes are written. */
export function remainder(buffers: readonly Uint8Array[], consumed: number): Uint8Array[] {
  let skip = consumed;
  const rest: Uint8Array[] = [];
  for (const buffer of buffers) {
    if (skip >= buffer.byteLength) {
      skip -= buffer.byteLength;
      continue;
    }
    rest.push(skip > 0 ? buffer.subarray(skip) : buffer);
    skip = 0;
  }
  return rest;
}
