import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { ContractError } from '../../shared/contract';
import { errnoOf } from '../store/layout-errors';
import { blobName } from '../store/layout-paths';
import { ImportDamaged } from './import-errors';
import { indexTar, TarProblem, type TarEntry } from './tar-index';
import type { LayoutSource } from './layout-source';

const READ_CHUNK = 1024 * 1024;
const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

interface Indexed {
  stamp: string;
  files: Map<string, TarEntry>;
  others: Map<string, string>;
}

/**
 * An oci-archive (`skopeo copy … oci-archive:x.tar`, `docker buildx --output type=oci`): an
 * uncompressed tar of a layout. Its headers are indexed once (again when the file changes) and
 * blobs are read by byte range from the file; nothing is extracted. A compressed archive is refused
 * with what to do, since reading one blob would mean decompressing everything before it.
 */
export class ArchiveSource implements LayoutSource {
  readonly kind = 'oci-archive' as const;
  private indexed: Promise<Indexed> | undefined;

  constructor(readonly path: string) {}

  async stamp(): Promise<string> {
    try {
      const info = await stat(this.path, { bigint: true });
      return `${info.ino}:${info.mtimeNs}:${info.size}`;
    } catch (error) {
      return `missing:${errnoOf(error)}`;
    }
  }

  /** The tar's entries, read once per version of the file. */
  private async entries(): Promise<Indexed> {
    const stamp = await this.stamp();
    const known = this.indexed;
    if (known) {
      const indexed = await known.catch(() => undefined);
      if (indexed?.stamp === stamp) return indexed;
    }
    const next = this.index(stamp);
    this.indexed = next;
    next.catch(() => this.indexed === next && (this.indexed = undefined));
    return next;
  }

  private async index(stamp: string): Promise<Indexed> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      throw new ContractError('not-found', `The archive ${this.path} cannot be opened (${errnoOf(error)}): it was moved or deleted, or may not be read.`);
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new ContractError('invalid-input', `${this.path} is not a file.`);
      const magic = Buffer.alloc(4);
      await handle.read(magic, 0, 4, 0);
      if (GZIP.every((b, i) => magic[i] === b)) {
        throw new ContractError('invalid-input', `${this.path} is compressed with gzip. Decompress it first (gunzip -k "${this.path}") and open the .tar it gives.`);
      }
      if (ZSTD.every((b, i) => magic[i] === b)) {
        throw new ContractError('invalid-input', `${this.path} is compressed with zstd. Decompress it first (zstd -d "${this.path}") and open the .tar it gives.`);
      }
      const { files, others } = await indexTar(handle, info.size);
      return { stamp, files, others };
    } catch (error) {
      if (error instanceof TarProblem) {
        const file = error.entry ? `the archive's entry "${error.entry.slice(0, 120)}"` : 'the archive';
        throw new ImportDamaged(this.path, file, `is not usable: ${error.message.replace(/^the archive /, 'it ')}`);
      }
      throw error;
    } finally {
      await handle.close();
    }
  }

  async readFile(name: string, maxBytes: number): Promise<Buffer | undefined> {
    const { files, others } = await this.entries();
    const entry = files.get(name);
    if (!entry) {
      const other = others.get(name);
      if (other) throw new ImportDamaged(this.path, name, `is ${other} in the archive; Stevedore reads only plain files`);
      return undefined;
    }
    if (entry.size > maxBytes) throw new ImportDamaged(this.path, name, `is ${entry.size} bytes, more than the ${maxBytes} Stevedore reads`);
    return this.readRange(entry);
  }

  async blobSize(digest: string): Promise<number | undefined> {
    const { files, others } = await this.entries();
    const name = blobName(digest);
    const other = others.get(name);
    if (other) throw new ImportDamaged(this.path, name, `is ${other} in the archive; Stevedore reads only plain files`);
    return files.get(name)?.size;
  }

  async openBlob(digest: string, size: number, signal?: AbortSignal): Promise<Readable> {
    const entry = await this.blobEntry(digest);
    if (entry.size === 0) return Readable.from([]);
    return createReadStream(this.path, {
      start: entry.offset,
      end: entry.offset + entry.size - 1,
      highWaterMark: Math.min(READ_CHUNK, Math.max(64 * 1024, size)),
      ...(signal ? { signal } : {}),
    });
  }

  async readBlob(digest: string, _size: number, signal?: AbortSignal): Promise<Buffer> {
    signal?.throwIfAborted();
    return this.readRange(await this.blobEntry(digest));
  }

  private async blobEntry(digest: string): Promise<TarEntry> {
    const entry = (await this.entries()).files.get(blobName(digest));
    if (!entry) throw new ContractError('not-found', `The archive ${this.path} has no ${blobName(digest)}.`);
    return entry;
  }

  private async readRange(entry: TarEntry): Promise<Buffer> {
    const handle = await open(this.path, 'r');
    try {
      const bytes = Buffer.alloc(entry.size);
      let done = 0;
      while (done < entry.size) {
        const { bytesRead } = await handle.read(bytes, done, entry.size - done, entry.offset + done);
        if (bytesRead === 0) throw new ImportDamaged(this.path, 'the archive', 'became shorter while it was read');
        done += bytesRead;
      }
      return bytes;
    } finally {
      await handle.close();
    }
  }
}
