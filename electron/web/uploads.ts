import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ContractError } from '../../shared/contract/errors';
import type { StagedEntry } from '../services/host-integration';
import { UploadBatch, UploadTooLarge, type StagedTopEntry } from './upload-batch';

export { UploadTooLarge } from './upload-batch';

export interface StagedFile {
  id: string;
  name: string;
  size: number;
  /** Where the bytes are; never sent to the browser. */
  path: string;
}

export interface StagingArea {
  readonly dir: string;
  receive(req: IncomingMessage, rawName: string | undefined): Promise<StagedFile>;
  get(id: string): StagedFile | undefined;
  /** A new batch for a dropped or picked set of files and folders; its id names it in later requests. */
  openBatch(): Promise<UploadBatch>;
  batch(id: string): UploadBatch | undefined;
  /** Ends a batch: each top-level file or folder gets the id `publish.open` takes. */
  seal(batchId: string): StagedTopEntry[];
  discard(batchId: string): Promise<void>;
  /** The HostIntegration hook: a staged file or folder by id (single uploads and sealed batches). */
  staged(id: string): StagedEntry | undefined;
  cleanup(): Promise<void>;
}

const MAX_NAME_BYTES = 200;
const MAX_FILES = 10_000;
/** Open (unsealed) batches at once: a page uploads one drop at a time, a few at most. */
const MAX_OPEN_BATCHES = 16;
const MAX_SEALED_ENTRIES = 100_000;

/** Keeps only the last path part of a browser-supplied name, without control or reserved characters. */
export function sanitizeFileName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  let name = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  name = name.replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  while (Buffer.byteLength(name) > MAX_NAME_BYTES) name = name.slice(0, -1);
  return name.length > 0 ? name : 'upload';
}

/** A private folder (0700) for files uploaded by the browser; the web host's stand-in for dropped paths. */
export async function createStagingArea(maxBytes: number): Promise<StagingArea> {
  const dir = await mkdtemp(join(tmpdir(), 'stevedore-staging-'));
  const files = new Map<string, StagedFile>();
  const batches = new Map<string, UploadBatch>();
  const sealed = new Map<string, StagedTopEntry>();

  return {
    dir,
    async receive(req, rawName) {
      if (!rawName) throw new ContractError('invalid-input', 'An upload needs its file name in the X-Stevedore-File-Name header.');
      let decodedName: string;
      try {
        decodedName = decodeURIComponent(rawName);
      } catch {
        throw new ContractError('invalid-input', 'The upload file name is not valid percent-encoding.');
      }
      const declared = Number(req.headers['content-length'] ?? Number.NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        throw new UploadTooLarge(maxBytes);
      }
      if (files.size >= MAX_FILES) throw new ContractError('invalid-input', 'Too many staged uploads; restart Stevedore to clear them.');
      const id = randomUUID();
      const name = sanitizeFileName(decodedName);
      const folder = join(dir, id);
      await mkdir(folder, { mode: 0o700 });
      const path = join(folder, name);
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > maxBytes) done(new UploadTooLarge(maxBytes));
          else done(null, chunk);
        },
      });
      try {
        await pipeline(req, counter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      } catch (error) {
        await rm(folder, { recursive: true, force: true });
        if (error instanceof ContractError) throw error;
        throw new ContractError('network', 'The upload stopped before the whole file arrived.');
      }
      const staged = { id, name, size, path };
      files.set(id, staged);
      return staged;
    },
    get: (id) => files.get(id),
    async openBatch() {
      if (batches.size >= MAX_OPEN_BATCHES) throw new ContractError('invalid-input', 'Too many uploads are open at once; let the others finish first.');
      const batch = new UploadBatch(dir, maxBytes);
      await batch.create();
      batches.set(batch.id, batch);
      return batch;
    },
    batch: (id) => batches.get(id),
    seal(batchId) {
      const batch = batches.get(batchId);
      if (!batch) throw new ContractError('not-found', 'That upload is not open (finished, cancelled or from an earlier run); drop the files again.');
      if (sealed.size >= MAX_SEALED_ENTRIES) throw new ContractError('invalid-input', 'Too many staged uploads; restart Stevedore to clear them.');
      const entries = batch.seal();
      batches.delete(batchId);
      for (const entry of entries) sealed.set(entry.id, entry);
      return entries;
    },
    async discard(batchId) {
      const batch = batches.get(batchId);
      batches.delete(batchId);
      await batch?.discard();
    },
    staged(id) {
      const entry = sealed.get(id);
      if (entry) return { id, name: entry.name, type: entry.type, path: entry.path, received: entry.received };
      const file = files.get(id);
      return file ? { id, name: file.name, type: 'file', path: file.path } : undefined;
    },
    async cleanup() {
      files.clear();
      batches.clear();
      sealed.clear();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
