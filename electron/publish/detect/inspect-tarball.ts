import { createReadStream } from 'node:fs';
import { ContractError } from '../../../shared/contract';
import { readTarGz, type TarLimits } from '../../catalog/details/tar-reader';

export type TarballLimits = TarLimits;

/** Helm's own caps: a chart expands to at most 100 MiB, a file in it at most 5 MiB. */
export const CHART_LIMITS: TarballLimits = {
  maxCompressedBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxFileBytes: 5 * 1024 * 1024,
  maxEntries: 20_000,
};

export interface TarballContents {
  /** Entry paths without a leading `/` or `./`, in archive order (paths leaving the archive are left out). */
  names: string[];
  files: Map<string, Buffer>;
}

/**
 * Lists a gzip'd tar on disk and keeps the wanted small files, never reading past the limits
 * (a bomb stops at `maxUncompressedBytes`): the catalog's bounded reader, with `label` naming the
 * file in every message.
 */
export async function inspectTarball(path: string, label: string, wanted: (name: string) => boolean, limits: TarballLimits = CHART_LIMITS): Promise<TarballContents> {
  const bad = (why: string) => new ContractError('invalid-input', `${label} cannot be read as a .tgz archive: ${why}.`);
  const { entries, files } = await readTarGz(createReadStream(path), wanted, limits, undefined, bad);
  return { names: entries.map((entry) => entry.name), files };
}
