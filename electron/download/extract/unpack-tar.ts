import type { ReadEntry } from 'tar';
import { tarBytes, type ExpansionLimit } from './decompress';
import { shown } from './entry-path';
import { EntryRefused, unholdableName } from './extract-errors';
import type { SafeWriter } from './safe-writer';
import { readTarEntries } from './tar-entries';

export interface UnpackOptions {
  /** Names the archive in messages ("layer 2 (sha256:ab12…)", "the folder docs"). */
  label: string;
  limit: ExpansionLimit;
  /** A root file system layer: `.wh.` whiteouts and `.wh..wh..opq` opaque folders are applied. */
  whiteouts?: boolean;
  signal?: AbortSignal;
}

export interface UnpackResult {
  /** sha256 of the uncompressed tar (a layer's diff_id; ORAS's `io.deis.oras.content.digest`). */
  tarDigest: string;
  tarBytes: number;
  entries: number;
}

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/**
 * Unpacks one archive (gzip, zstd or plain tar) through the safe writer. An unsafe entry is
 * refused and left out, named in `writer.skipped`; a damaged archive or one past the cap throws
 * ExtractionStopped, and the caller removes the folder it was unpacking into.
 */
export async function unpackTar(writer: SafeWriter, source: AsyncIterable<Buffer | Uint8Array>, options: UnpackOptions): Promise<UnpackResult> {
  const bytes = tarBytes(source, options.limit, options.label);
  const thisLayer = new Set<string>();
  const { entries } = await readTarEntries(
    bytes.chunks,
    async (entry) => {
      try {
        await unpackEntry(writer, entry, options, thisLayer);
      } catch (error) {
        const refused = error instanceof EntryRefused ? error : unholdableName(error, entry.path);
        if (!refused) throw error;
        writer.skip(refused.entry, refused.reason);
      }
    },
    options.label,
    options.signal ? { signal: options.signal } : {},
  );
  const { digest, bytes: count } = bytes.result();
  return { tarDigest: digest, tarBytes: count, entries };
}

async function unpackEntry(writer: SafeWriter, entry: ReadEntry, options: UnpackOptions, thisLayer: Set<string>): Promise<void> {
  const name = entry.path;
  if (options.whiteouts) {
    const segments = writer.segments(name);
    const base = segments.at(-1) as string;
    const folder = segments.slice(0, -1).join('/');
    if (base === OPAQUE) {
      await writer.empty(folder, (relative) => thisLayer.has(relative));
      return;
    }
    if (base.startsWith(WHITEOUT)) {
      const hidden = base.slice(WHITEOUT.length);
      if (hidden === '' || hidden === '.' || hidden === '..') throw new EntryRefused(shown(name), 'is a whiteout that names no file');
      await writer.remove(folder === '' ? hidden : `${folder}/${hidden}`);
      return;
    }
    for (let i = 1; i <= segments.length; i++) thisLayer.add(segments.slice(0, i).join('/'));
  }
  const mode = entry.mode ?? 0o644;
  switch (entry.type) {
    case 'Directory':
    case 'GNUDumpDir':
      await writer.directory(name, mode);
      return;
    case 'File':
    case 'OldFile':
    case 'ContiguousFile':
      await writer.file(name, entry, { mode, ...(entry.mtime ? { mtime: entry.mtime.getTime() / 1000 } : {}) }, entry.size);
      return;
    case 'SymbolicLink':
      await writer.symlink(name, entry.linkpath ?? '');
      return;
    case 'Link':
      await writer.hardlink(name, entry.linkpath ?? '');
      return;
    case 'CharacterDevice':
    case 'BlockDevice':
      writer.segments(name);
      writer.skip(name, 'is a device file: skipped');
      return;
    case 'FIFO':
      writer.segments(name);
      writer.skip(name, 'is a FIFO (named pipe): skipped');
      return;
    default:
      writer.skip(name, `is a ${entry.type} entry, which is not unpacked: skipped`);
  }
}
