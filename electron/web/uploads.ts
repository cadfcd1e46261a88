import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ContractError } from '../../shared/contract/errors';

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
  cleanup(): Promise<void>;
}

const MAX_NAME_BYTES = 200;

/** An upload refused for its size: the host answers 413 rather than 400. */
export class UploadTooLarge extends ContractError {
  constructor(maxBytes: number) {
    super('invalid-input', `That file is larger than the ${formatBytes(maxBytes)} upload limit.`);
  }
}
const MAX_FILES = 10_000;

/** Keeps only the last path part of a browser-supplied name, without control or reserved characters. */
export function sanitizeFileName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  name = name.replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  while (Buffer.byteLength(name) > MAX_NAME_BYTES) name = name.slice(0, -1);
  return name.length > 0 ? name : 'upload';
}

/** A private folder (0700) for files uploaded by the browser; the web host's stand-in for dropped paths. */
export async function createStagingArea(maxBytes: number): Promise<StagingArea> {
  const dir = await mkdtemp(join(tmpdir(), 'stevedore-staging-'));
  const files = new Map<string, StagedFile>();

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
    async cleanup() {
      files.clear();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${n} bytes`;
}
