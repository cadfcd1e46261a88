import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ContractError } from '../../shared/contract';
import { errnoOf, isMissing } from '../store/layout-errors';
import { blobFile, INDEX_FILE } from '../store/layout-paths';
import type { LayoutSource } from './layout-source';

const READ_CHUNK = 1024 * 1024;

/** An OCI image layout folder (skopeo `oci:<dir>`, `oras --oci-layout`, buildkit `type=oci,tar=false`, Local). */
export class FolderSource implements LayoutSource {
  readonly kind = 'oci-layout' as const;

  constructor(readonly path: string) {}

  async stamp(): Promise<string> {
    try {
      const info = await stat(join(this.path, INDEX_FILE), { bigint: true });
      return `${info.ino}:${info.mtimeNs}:${info.size}`;
    } catch (error) {
      return `missing:${errnoOf(error)}`;
    }
  }

  async readFile(name: string, maxBytes: number): Promise<Buffer | undefined> {
    const file = join(this.path, name);
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new ContractError('invalid-input', `${file} is not a file.`);
      if (info.size > maxBytes) throw new ContractError('invalid-input', `${name} is ${info.size} bytes, more than the ${maxBytes} Stevedore reads.`);
      return await readFile(file);
    } catch (error) {
      if (isMissing(error)) {
        if (await stat(this.path).then(() => false, isMissing)) throw new ContractError('not-found', `The folder ${this.path} does not exist any more: it was moved or deleted. Remove it from the list, or open it where it is now.`);
        return undefined;
      }
      if (error instanceof ContractError) throw error;
      throw new ContractError('internal', `Cannot read ${file} (${errnoOf(error)}).`);
    }
  }

  async blobSize(digest: string): Promise<number | undefined> {
    try {
      const info = await stat(blobFile(this.path, digest));
      return info.isFile() ? info.size : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw new ContractError('internal', `Cannot read ${blobFile(this.path, digest)} (${errnoOf(error)}).`);
    }
  }

  async openBlob(digest: string, size: number, signal?: AbortSignal): Promise<Readable> {
    // Read-ahead sized to the blob: a 1 MiB buffer per small blob would be mostly garbage.
    return createReadStream(blobFile(this.path, digest), { highWaterMark: Math.min(READ_CHUNK, Math.max(64 * 1024, size)), ...(signal ? { signal } : {}) });
  }

  readBlob(digest: string, _size: number, signal?: AbortSignal): Promise<Buffer> {
    return readFile(blobFile(this.path, digest), signal ? { signal } : {});
  }
}
