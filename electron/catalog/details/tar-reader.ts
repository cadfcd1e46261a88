import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { ReadEntry } from 'tar';
import { ContractError } from '../../../shared/contract';
import { readTarEntries } from '../../download/extract/tar-entries';

export interface TarLimits {
  /** Compressed bytes read from the source before giving up. */
  maxCompressedBytes: number;
  /** Uncompressed bytes (headers included) before giving up: the bomb guard. */
  maxUncompressedBytes: number;
  /** Largest file whose content is kept; bigger wanted files are listed but not read. */
  maxFileBytes: number;
  maxEntries: number;
}

export const CHART_TAR_LIMITS: TarLimits = {
  maxCompressedBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 64 * 1024 * 1024,
  maxFileBytes: 5 * 1024 * 1024,
  maxEntries: 10_000,
};

export interface TarEntry {
  /** Normalised relative path (no `./`, no leading `/`). */
  name: string;
  size: number;
  type: 'file' | 'directory' | 'other';
}

export interface TarContents {
  entries: TarEntry[];
  /** Content of the wanted regular files that fit `maxFileBytes`. */
  files: Map<string, Buffer>;
  /** Wanted files left unread because they were too large. */
  skipped: string[];
}

/** A tar path is kept only when it stays inside the archive: no absolute paths, no `..`. */
export function safeTarPath(raw: string): string | undefined {
  if (raw.length === 0 || raw.length > 4096 || raw.includes('\0') || raw.includes('\\')) return undefined;
  if (raw.startsWith('/')) return undefined;
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..')) return undefined;
  return parts.join('/');
}

/** Turns why an archive cannot be read into the error the caller shows (it may name the file). */
export type DescribeProblem = (why: string) => ContractError;

const theArchive: DescribeProblem = (why) => new ContractError('invalid-input', `The archive cannot be read: ${why}.`);

/** node-tar's words for a damaged archive, in ours. */
function damaged(problem: string, bad: DescribeProblem): ContractError {
  if (/checksum/i.test(problem)) return bad('a header checksum is wrong (not a tar archive, or corrupt)');
  if (/truncated/i.test(problem)) return bad('it ends in the middle of an entry');
  return bad(problem);
}

const entryType = (type: string): TarEntry['type'] =>
  type === 'File' || type === 'OldFile' || type === 'ContiguousFile' ? 'file' : type === 'Directory' ? 'directory' : 'other';

async function* counted(source: AsyncIterable<Buffer>, max: number, bad: DescribeProblem): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of source) {
    seen += chunk.length;
    if (seen > max) throw bad(`it expands past ${Math.round(max / 1024 / 1024)} MiB (a decompression bomb?)`);
    yield chunk;
  }
}

async function* capped(source: AsyncIterable<Buffer | Uint8Array>, max: number, bad: DescribeProblem): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of source) {
    seen += chunk.length;
    if (seen > max) throw bad(`it is larger than ${Math.round(max / 1024 / 1024)} MiB compressed`);
    yield Buffer.from(chunk);
  }
}

/**
 * Reads a gzip-compressed tar stream with node-tar (the parser downloads unpack with), keeping the
 * wanted files' content within the limits; never trusts a header's size beyond them.
 */
export async function readTarGz(
  source: Readable | AsyncIterable<Buffer | Uint8Array>,
  wanted: (name: string) => boolean,
  limits: TarLimits = CHART_TAR_LIMITS,
  signal?: AbortSignal,
  bad: DescribeProblem = theArchive,
): Promise<TarContents> {
  const result: TarContents = { entries: [], files: new Map(), skipped: [] };
  const onEntry = async (entry: ReadEntry): Promise<void> => {
    if (entry.header.size === undefined) throw bad("an entry's size is not an octal number");
    if (entry.size > limits.maxUncompressedBytes) throw bad(`an entry claims ${entry.size} bytes, more than the archive may expand to`);
    const name = safeTarPath(entry.path);
    if (name === undefined) return;
    if (result.entries.length >= limits.maxEntries) throw bad(`it holds more than ${limits.maxEntries} entries`);
    const type = entryType(entry.type);
    result.entries.push({ name, size: entry.size, type });
    if (type !== 'file' || !wanted(name)) return;
    if (entry.size > limits.maxFileBytes) {
      result.skipped.push(name);
      return;
    }
    const parts: Buffer[] = [];
    for await (const chunk of entry) parts.push(chunk);
    result.files.set(name, Buffer.concat(parts));
  };
  const gunzip = createGunzip();
  const reading = readTarEntries(counted(gunzip, limits.maxUncompressedBytes, bad), onEntry, 'the archive', { ...(signal ? { signal } : {}), failure: (problem) => damaged(problem, bad) });
  try {
    await Promise.all([pipeline(capped(source, limits.maxCompressedBytes, bad), gunzip, ...(signal ? [{ signal }] : [])), reading]);
  } catch (error) {
    gunzip.destroy();
    await reading.catch(() => undefined);
    if (error instanceof ContractError) throw error;
    if (error instanceof Error && error.name === 'AbortError') throw error;
    const code = (error as { code?: string }).code;
    if (code === 'Z_BUF_ERROR') throw bad('it ends early (a truncated download or copy?)');
    if (code?.startsWith('Z_')) throw bad('it is not valid gzip data');
    throw error;
  }
  return result;
}
