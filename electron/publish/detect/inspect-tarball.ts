import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { ContractError } from '../../../shared/contract';

export interface TarballLimits {
  maxCompressedBytes: number;
  /** The decompression bomb guard: tar bytes read in all. */
  maxUncompressedBytes: number;
  /** Largest wanted file kept in memory. */
  maxFileBytes: number;
  maxEntries: number;
}

/** Helm's own caps: a chart expands to at most 100 MiB, a file in it at most 5 MiB. */
export const CHART_LIMITS: TarballLimits = {
  maxCompressedBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxFileBytes: 5 * 1024 * 1024,
  maxEntries: 20_000,
};

export interface TarballContents {
  /** Entry paths without a leading `/` or `./`, in archive order. */
  names: string[];
  files: Map<string, Buffer>;
}

function clean(name: string): string {
  return name.replace(/^(\.?\/)+/, '');
}

/**
 * Lists a gzip'd tar on disk and keeps the wanted small files, never reading past the limits
 * (a bomb stops at `maxUncompressedBytes`). `label` names the file in every message.
 */
export async function inspectTarball(path: string, label: string, wanted: (name: string) => boolean, limits: TarballLimits = CHART_LIMITS): Promise<TarballContents> {
  const names: string[] = [];
  const files = new Map<string, Buffer>();
  let failure: Error | undefined;
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      const name = clean(entry.path);
      if (names.length >= limits.maxEntries) failure ??= bad(label, `it holds more than ${limits.maxEntries} entries`);
      names.push(name);
      if (entry.type === 'File' && wanted(name) && entry.size <= limits.maxFileBytes) {
        const parts: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => parts.push(chunk));
        entry.on('end', () => files.set(name, Buffer.concat(parts)));
      } else {
        entry.resume();
      }
    },
  });
  parser.on('error', (error: Error) => (failure ??= bad(label, error.message)));
  parser.on('warn', (code: string, message: string) => {
    if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ABORT') failure ??= bad(label, message);
  });
  let compressed = 0;
  let expanded = 0;
  const input = createReadStream(path);
  input.on('data', (chunk: Buffer | string) => {
    compressed += chunk.length;
    if (compressed > limits.maxCompressedBytes) input.destroy(bad(label, `it is larger than ${mib(limits.maxCompressedBytes)} MiB`));
  });
  const gunzip = input.pipe(createGunzip());
  input.on('error', (error) => gunzip.destroy(error));
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      expanded += chunk.length;
      if (expanded > limits.maxUncompressedBytes) throw bad(label, `it expands past ${mib(limits.maxUncompressedBytes)} MiB (a decompression bomb?)`);
      parser.write(chunk);
      if (failure) throw failure;
    }
    const ended = once(parser, 'end');
    parser.end();
    await ended;
  } catch (error) {
    input.destroy();
    if (error instanceof ContractError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'Z_BUF_ERROR') throw bad(label, 'it ends early (a truncated download or copy?)');
    if (code?.startsWith('Z_')) throw bad(label, 'it is not valid gzip data');
    throw bad(label, (error as Error).message);
  }
  if (failure) throw failure;
  return { names, files };
}

function mib(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

function bad(label: string, why: string): ContractError {
  return new ContractError('invalid-input', `${label} cannot be read as a .tgz archive: ${why}.`);
}
