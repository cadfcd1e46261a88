import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ContractError } from '../../../shared/contract';

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

const BLOCK = 512;
const MAX_META_BYTES = 64 * 1024;

/** A tar path is kept only when it stays inside the archive: no absolute paths, no `..`. */
export function safeTarPath(raw: string): string | undefined {
  if (raw.length === 0 || raw.length > 4096 || raw.includes('\0') || raw.includes('\\')) return undefined;
  if (raw.startsWith('/')) return undefined;
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..')) return undefined;
  return parts.join('/');
}

function bad(message: string): ContractError {
  return new ContractError('invalid-input', `The archive cannot be read: ${message}.`);
}

function readString(block: Buffer, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end < 0 ? slice.length : end).toString('utf8');
}

function readOctal(block: Buffer, start: number, length: number, what: string): number {
  if ((block[start] ?? 0) & 0x80) throw bad(`an entry's ${what} uses the base-256 form, for sizes far beyond what Stevedore reads`);
  const text = readString(block, start, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]{1,12}$/.test(text)) throw bad(`an entry's ${what} is not an octal number`);
  return parseInt(text, 8);
}

function checksumOk(block: Buffer): boolean {
  const stored = readOctal(block, 148, 8, 'checksum');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
  return sum === stored;
}

function paxPath(data: Buffer): string | undefined {
  // records: "<len> <key>=<value>\n"
  let offset = 0;
  let path: string | undefined;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space < 0) break;
    const length = Number(data.subarray(offset, space).toString('ascii'));
    if (!Number.isSafeInteger(length) || length <= 0 || offset + length > data.length) throw bad('a PAX header is malformed');
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0 && record.slice(0, eq) === 'path') path = record.slice(eq + 1);
    offset += length;
  }
  return path;
}

/**
 * A small streaming tar reader: never trusts a header's size beyond the limits, refuses
 * archives that expand past `maxUncompressedBytes`, and keeps only wanted files that fit.
 */
class TarParser {
  readonly result: TarContents = { entries: [], files: new Map(), skipped: [] };
  private pending = Buffer.alloc(0);
  private total = 0;
  private ended = false;
  private zeroBlocks = 0;
  // the current entry's body
  private remaining = 0;
  private padding = 0;
  private collect: Buffer[] | undefined;
  private onBody: ((data: Buffer) => void) | undefined;
  private nextName: string | undefined;

  constructor(
    private readonly wanted: (name: string) => boolean,
    private readonly limits: TarLimits,
  ) {}

  get done(): boolean {
    return this.ended;
  }

  push(chunk: Buffer): void {
    if (this.ended) return;
    this.total += chunk.length;
    if (this.total > this.limits.maxUncompressedBytes) {
      throw bad(`it expands past ${Math.round(this.limits.maxUncompressedBytes / 1024 / 1024)} MiB (a decompression bomb?)`);
    }
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, data.length);
        if (take === 0) break;
        this.collect?.push(data.subarray(0, take));
        this.remaining -= take;
        data = data.subarray(take);
        if (this.remaining === 0) this.finishBody();
        continue;
      }
      if (this.padding > 0) {
        const take = Math.min(this.padding, data.length);
        if (take === 0) break;
        this.padding -= take;
        data = data.subarray(take);
        continue;
      }
      if (data.length < BLOCK) break;
      const block = data.subarray(0, BLOCK);
      data = data.subarray(BLOCK);
      this.header(Buffer.from(block));
      if (this.ended) break;
    }
    this.pending = Buffer.from(data);
  }

  end(): void {
    if (!this.ended && (this.remaining > 0 || this.pending.length > 0)) throw bad('it ends in the middle of an entry');
  }

  private header(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      this.zeroBlocks += 1;
      if (this.zeroBlocks >= 2) this.ended = true;
      return;
    }
    this.zeroBlocks = 0;
    if (!checksumOk(block)) throw bad('a header checksum is wrong (not a tar archive, or corrupt)');
    const size = readOctal(block, 124, 12, 'size');
    if (size > this.limits.maxUncompressedBytes) throw bad(`an entry claims ${size} bytes, more than the archive may expand to`);
    const typeflag = String.fromCharCode(block[156] ?? 0);
    const magic = readString(block, 257, 6);
    const prefix = magic.startsWith('ustar') ? readString(block, 345, 155) : '';
    const headerName = readString(block, 0, 100);
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;

    if (typeflag === 'x' || typeflag === 'L') {
      if (size > MAX_META_BYTES) throw bad('an extended header is too large');
      const parts: Buffer[] = [];
      this.collect = parts;
      this.onBody = () => {
        const data = Buffer.concat(parts);
        this.nextName = typeflag === 'L' ? readString(data, 0, data.length) : (paxPath(data) ?? this.nextName);
      };
      if (size === 0) this.finishBody();
      return;
    }
    if (typeflag === 'g') {
      this.collect = undefined;
      this.onBody = undefined;
      if (size === 0) this.finishBody();
      return;
    }
    const raw = this.nextName ?? (prefix ? `${prefix}/${headerName}` : headerName);
    this.nextName = undefined;
    const name = safeTarPath(raw);
    const type: TarEntry['type'] = typeflag === '0' || typeflag === '\0' || typeflag === '7' ? 'file' : typeflag === '5' ? 'directory' : 'other';
    this.collect = undefined;
    this.onBody = undefined;
    if (name !== undefined) {
      if (this.result.entries.length >= this.limits.maxEntries) throw bad(`it holds more than ${this.limits.maxEntries} entries`);
      this.result.entries.push({ name, size, type });
      if (type === 'file' && this.wanted(name)) {
        if (size <= this.limits.maxFileBytes) {
          const parts: Buffer[] = [];
          this.collect = parts;
          this.onBody = () => this.result.files.set(name, Buffer.concat(parts));
        } else {
          this.result.skipped.push(name);
        }
      }
    }
    if (size === 0) this.finishBody();
  }

  private finishBody(): void {
    const done = this.onBody;
    this.collect = undefined;
    this.onBody = undefined;
    done?.(Buffer.alloc(0));
  }
}

async function* capped(source: AsyncIterable<Buffer | Uint8Array>, max: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of source) {
    seen += chunk.length;
    if (seen > max) throw bad(`it is larger than ${Math.round(max / 1024 / 1024)} MiB compressed`);
    yield Buffer.from(chunk);
  }
}

/** Reads a gzip-compressed tar stream, keeping the wanted files' content within the limits. */
export async function readTarGz(
  source: Readable | AsyncIterable<Buffer | Uint8Array>,
  wanted: (name: string) => boolean,
  limits: TarLimits = CHART_TAR_LIMITS,
  signal?: AbortSignal,
): Promise<TarContents> {
  const parser = new TarParser(wanted, limits);
  try {
    await pipeline(
      capped(source, limits.maxCompressedBytes),
      createGunzip(),
      async (gunzipped: AsyncIterable<Buffer>) => {
        for await (const chunk of gunzipped) {
          parser.push(chunk);
          if (parser.done) break;
        }
      },
      ...(signal ? [{ signal }] : []),
    );
  } catch (error) {
    if (error instanceof ContractError) throw error;
    if (error instanceof Error && error.name === 'AbortError') throw error;
    const code = (error as { code?: string }).code;
    if (code?.startsWith('Z_')) throw bad('it is not valid gzip');
    throw error;
  }
  if (!parser.done) parser.end();
  return parser.result;
}
