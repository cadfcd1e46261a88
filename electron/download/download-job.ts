import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConflictAnswer } from '../../shared/contract/downloads';
import type { TransferResult } from '../../shared/contract/transfers';
import type { ArtifactRepository } from '../oci/storage';
import type { Descriptor } from '../oci/manifests/manifest-types';
import type { TransferContext, TransferItemHandle, TransferJob } from '../transfers/transfer-job';
import { describeBytes } from './extract/decompress';
import { EntryRefused, ExtractionStopped, unholdableName, type SkippedEntry } from './extract/extract-errors';
import type { NameFolding } from './extract/name-folding';
import { SafeWriter, stagingName } from './extract/safe-writer';
import { unpackTar } from './extract/unpack-tar';
import type { DownloadPlan, PlanOutput } from './plan/plan-types';
import { shortDigest } from './plan/plan-types';

export interface UnpackLimits {
  /** No archive expands past this many bytes (default 8 GiB). */
  maxUnpackedBytes: number;
  /** …nor past this many times its compressed size (with a 64 MiB floor; default 200). */
  maxExpansionRatio: number;
}

export const DEFAULT_UNPACK_LIMITS: UnpackLimits = { maxUnpackedBytes: 8 * 1024 ** 3, maxExpansionRatio: 200 };
const RATIO_FLOOR = 64 * 1024 * 1024;
/**
 * Archives up to this size stream straight from the registry into the staging folder (verified as
 * they stream; a wrong digest fails the output and the staging folder goes). Larger ones are first
 * fetched to a temp file, so a dropped connection resumes with Range instead of starting over.
 */
const STREAM_UNPACK_MAX = 64 * 1024 * 1024;
/** Names sent to the window with the result (an unpacked archive may place many at the top). */
const MAX_PLACED_SHOWN = 200;

export interface DownloadJobInput {
  title: string;
  registryId: string;
  repository: string;
  /** `host/repository@digest`. */
  reference: string;
  digest: string;
  mediaType: string;
  repo: ArtifactRepository;
  plan: DownloadPlan;
  /** Absolute, existing, writable (checked by the service). */
  folder: string;
  /** Something is at this name already: replace, keep both or skip (asks the user, or an answer given up front). */
  conflict: (name: string, ctx: Pick<TransferContext, 'transferId' | 'signal'>) => Promise<ConflictAnswer>;
  limits?: UnpackLimits;
  /** Told the folder and the names placed at its top once the download is done (for "Open folder", dragging out). */
  onDone?: (transferId: string, folder: string, placed: string[]) => void;
}

interface Tally {
  files: number;
  bytes: number;
  skipped: SkippedEntry[];
  placed: string[];
}

/**
 * A download as a transfer: each output is fetched (every blob verified as it streams, resumed
 * with Range by fetchTo), built in a staging folder inside the chosen one, then moved into place,
 * asking before it replaces anything. The staging folder goes whatever happens, so a failure or
 * a cancel leaves no temp file and no half-unpacked folder behind. A retry skips outputs placed.
 */
export function createDownloadJob(input: DownloadJobInput): TransferJob {
  const limits = input.limits ?? DEFAULT_UNPACK_LIMITS;
  const done = new Set<number>();
  const tally: Tally = { files: 0, bytes: 0, skipped: [...input.plan.refused], placed: [] };
  let staging: string | undefined;
  const items = input.plan.outputs.map((output, index) => ({ id: `o${index}`, name: output.name, size: outputSize(output) }));

  const run = async (ctx: TransferContext): Promise<TransferResult> => {
    const target = await SafeWriter.open({ root: input.folder, absoluteLinks: 'refuse' });
    staging = join(target.root, stagingName('download'));
    await mkdir(staging, { mode: 0o700 });
    try {
      for (const [index, output] of input.plan.outputs.entries()) {
        if (done.has(index)) continue;
        ctx.signal.throwIfAborted();
        const item = ctx.item(`o${index}`);
        item.start();
        const built = await build(output, join(staging, String(index)), item, ctx.signal, target.folding);
        const placedNote = await place(target, built, ctx);
        done.add(index);
        item.finish(placedNote.skipped ? 'skipped' : 'done', placedNote.note);
      }
    } finally {
      await rm(staging, { recursive: true, force: true });
      staging = undefined;
    }
    input.onDone?.(ctx.transferId, target.root, [...tally.placed]);
    return {
      registryId: input.registryId,
      repository: input.repository,
      digest: input.digest,
      mediaType: input.mediaType,
      reference: input.reference,
      folder: target.root,
      placed: tally.placed.slice(0, MAX_PLACED_SHOWN),
      summary: summarise(tally, input.plan.notes),
    };
  };

  /** Fetches and builds one output in staging; returns what to place (paths inside staging). */
  async function build(output: PlanOutput, base: string, item: TransferItemHandle, signal: AbortSignal, folding: NameFolding): Promise<Built> {
    const blobs = input.repo.blobs();
    let before = 0;
    const fetchTo = async (descriptor: Descriptor, path: string) => {
      const start = before;
      await blobs.fetchTo(descriptor, path, { signal, onProgress: (bytes) => item.progress(start + bytes) });
      before += descriptor.size;
      item.progress(before);
    };
    /** A verified stream of an archive blob: straight from the registry, or via a resumable temp file when large. */
    const openArchive = async (descriptor: Descriptor, temp: string): Promise<{ source: AsyncIterable<Buffer>; done: () => Promise<void> }> => {
      if (descriptor.size > STREAM_UNPACK_MAX) {
        await fetchTo(descriptor, temp);
        return { source: createReadStream(temp), done: () => rm(temp, { force: true }) };
      }
      const stream = await blobs.fetch(descriptor, { signal });
      const start = before;
      async function* counted(): AsyncGenerator<Buffer> {
        let bytes = 0;
        for await (const chunk of stream) {
          bytes += (chunk as Buffer).byteLength;
          item.progress(start + bytes);
          yield chunk as Buffer;
        }
      }
      return {
        source: counted(),
        done: async () => {
          before = start + descriptor.size;
          item.progress(before);
        },
      };
    };
    switch (output.kind) {
      case 'blob':
        await fetchTo(output.descriptor, base);
        return { paths: [{ name: output.name, staged: base }], files: 1, bytes: output.descriptor.size };
      case 'bytes':
        await writeFile(base, output.data, { flag: 'wx' });
        return { paths: [{ name: output.name, staged: base }], files: 1, bytes: output.data.byteLength };
      case 'folder': {
        await mkdir(base);
        const writer = await SafeWriter.open({ root: base, absoluteLinks: 'refuse', folding, fresh: true });
        let bytes = 0;
        for (const file of output.files) {
          const path = await writer.prepare(file.path);
          if ('data' in file) {
            await writeFile(path, file.data, { flag: 'wx' });
            bytes += file.data.byteLength;
          } else {
            await fetchTo(file.descriptor, path);
            bytes += file.descriptor.size;
          }
        }
        return { paths: [{ name: output.name, staged: base }], files: output.files.length, bytes };
      }
      case 'unpack': {
        await mkdir(base);
        const writer = await SafeWriter.open({ root: base, absoluteLinks: 'refuse', folding, fresh: true });
        const label = `The layer ${output.name} (${shortDigest(output.descriptor.digest)})`;
        const archive = await openArchive(output.descriptor, `${base}.blob`);
        const result = await unpackTar(writer, archive.source, { label, limit: { maxBytes: capFor(output.descriptor.size) }, signal });
        await archive.done();
        if (output.tarDigest !== undefined && result.tarDigest !== output.tarDigest) {
          throw new ExtractionStopped(`${label} unpacks to content whose digest ${shortDigest(result.tarDigest)} is not the ${shortDigest(output.tarDigest)} its annotation promises: nothing of it was kept.`);
        }
        await writer.finish();
        tally.skipped.push(...writer.skipped.map((s) => ({ name: `${output.name}: ${s.name}`, reason: s.reason })));
        // Like `tar -x` (and `helm pull --untar`, `oras pull`): what the archive holds lands in the
        // folder, each top-level entry placed (and asked about) on its own.
        const paths = (await readdir(base)).sort().map((top) => ({ name: top, staged: join(base, top) }));
        return { paths, files: writer.files, bytes: writer.bytes };
      }
      case 'rootfs': {
        await mkdir(base);
        const writer = await SafeWriter.open({ root: base, absoluteLinks: 'inside-root', folding, fresh: true });
        for (const [index, layer] of output.layers.entries()) {
          const label = `Layer ${index + 1} (${shortDigest(layer.digest)})`;
          const archive = await openArchive(layer, `${base}.layer`);
          const result = await unpackTar(writer, archive.source, { label, limit: { maxBytes: capFor(layer.size) }, whiteouts: true, signal });
          await archive.done();
          const expected = output.diffIds?.[index];
          if (expected !== undefined && result.tarDigest !== expected) {
            throw new ExtractionStopped(`${label} unpacks to ${shortDigest(result.tarDigest)}, not the ${shortDigest(expected)} the image config lists: nothing was kept.`);
          }
        }
        await writer.finish();
        tally.skipped.push(...writer.skipped.map((s) => ({ name: `${output.name}/${s.name}`, reason: s.reason })));
        return { paths: [{ name: output.name, staged: base }], files: writer.files, bytes: writer.bytes };
      }
    }
  }

  async function place(target: SafeWriter, built: Built, ctx: TransferContext): Promise<{ skipped: boolean; note?: string }> {
    let skipped = 0;
    const notes: string[] = [];
    for (const { name, staged } of built.paths) {
      try {
        const placed = await target.place(name, staged, (existing) => input.conflict(existing, ctx));
        if (placed.outcome === 'skipped') {
          skipped += 1;
          tally.skipped.push({ name, reason: 'is in the folder already: kept the one there' });
          notes.push('kept the file already there');
        } else {
          tally.placed.push(placed.name);
          if (placed.outcome === 'kept-both') notes.push(`saved as ${placed.name}`);
          if (placed.outcome === 'replaced') notes.push('replaced the one there');
        }
      } catch (error) {
        const refused = error instanceof EntryRefused ? error : unholdableName(error, name);
        if (!refused) throw error;
        skipped += 1;
        tally.skipped.push({ name: refused.entry, reason: refused.reason });
        notes.push(refused.reason);
      }
    }
    if (skipped < built.paths.length) {
      tally.files += built.files;
      tally.bytes += built.bytes;
    }
    return { skipped: skipped === built.paths.length, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
  }

  const capFor = (compressed: number) => Math.min(limits.maxUnpackedBytes, Math.max(RATIO_FLOOR, compressed * limits.maxExpansionRatio));

  return {
    kind: 'download',
    title: input.title,
    registryId: input.registryId,
    repository: input.repository,
    items,
    run,
    cleanup: async () => {
      if (staging) await rm(staging, { recursive: true, force: true });
    },
  };
}

interface Built {
  paths: Array<{ name: string; staged: string }>;
  files: number;
  bytes: number;
}

function outputSize(output: PlanOutput): number {
  switch (output.kind) {
    case 'blob':
    case 'unpack':
      return output.descriptor.size;
    case 'bytes':
      return output.data.byteLength;
    case 'folder':
      return output.files.reduce((sum, f) => sum + ('data' in f ? 0 : f.descriptor.size), 0);
    case 'rootfs':
      return output.layers.reduce((sum, l) => sum + l.size, 0);
  }
}

function summarise(tally: Tally, notes: readonly string[]): string[] {
  const lines = [`${tally.files} file${tally.files === 1 ? '' : 's'} written, ${describeBytes(tally.bytes)} in all.`];
  if (tally.skipped.length > 0) lines.push(`${tally.skipped.length} skipped:`);
  for (const skipped of tally.skipped.slice(0, 200)) lines.push(`Skipped ${skipped.name}: ${skipped.reason}`);
  if (tally.skipped.length > 200) lines.push(`…and ${tally.skipped.length - 200} more skipped.`);
  lines.push(...notes);
  return lines;
}
