import { createReadStream } from 'node:fs';
import { chmod, constants, copyFile, rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ContractError } from '../../shared/contract';
import { createDigester, digestOf, parseDigest } from '../oci/blobs/digest';
import { commitBlob, ingestPath, READ_CHUNK } from './blob-files';

/**
 * A file on this computer stored as a blob (a drop published into Local): the kernel copies it into
 * `ingest/` (copy_file_range, or a reflink where the file system has them, so no byte passes through
 * this process), then the copy itself is read back, counted and hashed, so what is verified is what
 * gets renamed into `blobs/`. 1 GiB here: ~2 s, against ~5 s streaming it through a hash into a
 * write. A file that changed since its digest was planned fails, and nothing is stored. The copy
 * itself cannot be interrupted; the signal is checked around it and stops the hashing.
 */
export async function copyBlobFile(
  layoutDir: string,
  path: string,
  expected: { digest?: string; size: number },
  options: { signal?: AbortSignal; onProgress?: (bytes: number) => void } = {},
): Promise<{ digest: string; size: number }> {
  options.signal?.throwIfAborted();
  const algorithm = expected.digest ? parseDigest(expected.digest).algorithm : 'sha256';
  const temp = await ingestPath(layoutDir);
  try {
    await copyFile(path, temp, constants.COPYFILE_EXCL);
    await chmod(temp, 0o644); // as written blobs are, whatever the source file's mode
    options.signal?.throwIfAborted();
    const hash = createDigester(algorithm);
    let count = 0;
    const verify = new Writable({
      highWaterMark: READ_CHUNK,
      write(chunk: Buffer, _encoding, callback) {
        count += chunk.byteLength;
        if (count > expected.size) return callback(new ContractError('invalid-input', `The content is longer than the ${expected.size} bytes expected; it changed while being stored.`));
        hash.update(chunk);
        options.onProgress?.(count);
        callback();
      },
    });
    await pipeline(createReadStream(temp, { highWaterMark: READ_CHUNK }), verify, ...(options.signal ? [{ signal: options.signal }] : []));
    return await commitBlob(layoutDir, temp, { size: count, digest: digestOf(hash, algorithm) }, expected);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
