import type { FileHandle } from 'node:fs/promises';

/** One regular file inside the tar: where its bytes start and how many there are. */
export interface TarEntry {
  offset: number;
  size: number;
}

export interface TarLimits {
  maxEntries: number;
  maxNameLength: number;
  /** A pax or GNU long-name header larger than this is refused. */
  maxHeaderData: number;
}

export const TAR_LIMITS: TarLimits = { maxEntries: 200_000, maxNameLength: 1024, maxHeaderData: 64 * 1024 };

const BLOCK = 512;

/** Why a tar cannot be indexed; `entry` names the entry when there is one. */
export class TarProblem extends Error {
  constructor(
    message: string,
    readonly entry?: string,
  ) {
    super(message);
  }
}

/**
 * Indexes an uncompressed tar (ustar, GNU long names, pax `path`/`size` records) once, reading only
 * its headers: regular files by normalised name → byte range in the file. Bounded (entry count, name
 * length, header data); refuses absolute names, `..`, the same name twice, an entry reaching past
 * the end of the file and a header whose checksum is wrong. Directories are skipped; links and other
 * special entries are listed in `others` so a caller can say why a file it needs is not there.
 */
export async function indexTar(file: FileHandle, fileSize: number, limits: TarLimits = TAR_LIMITS): Promise<{ files: Map<string, TarEntry>; others: Map<string, string> }> {
  const files = new Map<string, TarEntry>();
  const others = new Map<string, string>();
  const header = Buffer.alloc(BLOCK);
  const reader = new HeaderReader(file);
  let offset = 0;
  let count = 0;
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  let globalPax: Record<string, string> = {};
  while (true) {
    if (offset + BLOCK > fileSize) throw new TarProblem(`the archive ends in the middle of an entry (at byte ${offset} of ${fileSize}): it is truncated`);
    await reader.read(header, offset);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) throw new TarProblem(`the tar header at byte ${offset} is corrupt (its checksum does not match): this is not an intact tar archive`);
    if (++count > limits.maxEntries) throw new TarProblem(`the archive has more than ${limits.maxEntries} entries, more than Stevedore reads`);
    const type = String.fromCharCode(header[156] || 0x30);
    const size = parseSize(header, offset);
    const dataStart = offset + BLOCK;
    const next = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (dataStart + size > fileSize) {
      throw new TarProblem(`an entry at byte ${offset} claims ${size} bytes, but the archive ends ${fileSize - dataStart} bytes later: it is truncated or corrupt`);
    }
    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
      if (size > limits.maxHeaderData) throw new TarProblem(`an extended header at byte ${offset} is ${size} bytes, more than Stevedore reads`);
      const data = Buffer.alloc(size);
      await reader.read(data, dataStart);
      // 'K' (a GNU long link target) only matters to links, which are not read.
      if (type === 'L') longName = data.toString('utf8').replace(/\0+$/, '');
      else if (type === 'x') pax = parsePax(data, offset);
      else if (type === 'g') globalPax = { ...globalPax, ...parsePax(data, offset) };
      offset = next;
      continue;
    }
    const rawName = pax.path ?? longName ?? ustarName(header);
    const realSize = pax.size !== undefined ? Number(pax.size) : size;
    longName = undefined;
    const records = pax;
    pax = {};
    if (!Number.isSafeInteger(realSize) || realSize < 0 || dataStart + realSize > fileSize) {
      throw new TarProblem(`the entry "${rawName.slice(0, 120)}" claims ${String(records.size).slice(0, 30)} bytes, more than the archive holds: it is truncated or corrupt`, rawName);
    }
    const name = normaliseName(rawName, limits);
    const entryNext = records.size !== undefined ? dataStart + Math.ceil(realSize / BLOCK) * BLOCK : next;
    if (type === '5') {
      offset = entryNext;
      continue;
    }
    if (files.has(name) || others.has(name)) throw new TarProblem(`the archive holds "${name.slice(0, 120)}" twice, so which one is meant is unclear`, name);
    if (type === '0' || type === '7') files.set(name, { offset: dataStart, size: realSize });
    else others.set(name, describeType(type));
    offset = entryNext;
  }
  void globalPax; // global records carry no path or size for one entry; read past them
  return { files, others };
}

const WINDOW = 64 * 1024;

/**
 * Reads headers through a 64 KiB window: an archive of many small blobs has its headers close
 * together, so one read serves many of them instead of one system call per 512 bytes.
 */
class HeaderReader {
  private readonly window = Buffer.alloc(WINDOW);
  private start = 0;
  private length = 0;

  constructor(private readonly file: FileHandle) {}

  async read(into: Buffer, position: number): Promise<void> {
    if (into.length > WINDOW) return readExactly(this.file, into, position);
    if (position < this.start || position + into.length > this.start + this.length) {
      this.start = position;
      this.length = 0;
      while (this.length < into.length) {
        const { bytesRead } = await this.file.read(this.window, this.length, WINDOW - this.length, position + this.length);
        if (bytesRead === 0) throw new TarProblem(`the archive ends at byte ${position + this.length}, in the middle of an entry: it is truncated`);
        this.length += bytesRead;
      }
    }
    this.window.copy(into, 0, position - this.start, position - this.start + into.length);
  }
}

async function readExactly(file: FileHandle, into: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await file.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) throw new TarProblem(`the archive ends at byte ${position + done}, in the middle of an entry: it is truncated`);
    done += bytesRead;
  }
}

function checksumOk(header: Buffer): boolean {
  const stored = parseOctal(header.subarray(148, 156));
  if (stored === undefined) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum === stored;
}

function parseOctal(field: Buffer): number | undefined {
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return undefined;
  const value = parseInt(text, 8);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The size field: octal, or GNU base-256 for sizes ≥ 8 GiB (a high bit set). */
function parseSize(header: Buffer, offset: number): number {
  const field = header.subarray(124, 136);
  if ((field[0]! & 0x80) !== 0) {
    if ((field[0]! & 0x40) !== 0) throw new TarProblem(`the entry at byte ${offset} has a negative size`);
    let value = field[0]! & 0x3f;
    for (let i = 1; i < field.length; i++) {
      value = value * 256 + field[i]!;
      if (!Number.isSafeInteger(value)) throw new TarProblem(`the entry at byte ${offset} claims a size beyond what a file can hold`);
    }
    return value;
  }
  const value = parseOctal(field);
  if (value === undefined) throw new TarProblem(`the entry at byte ${offset} has an unreadable size`);
  return value;
}

function ustarName(header: Buffer): string {
  const field = (start: number, length: number) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
  const name = field(0, 100);
  const magic = header.subarray(257, 263).toString('latin1');
  const prefix = magic === 'ustar\0' ? field(345, 155) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** pax records: `<length> <key>=<value>\n`, each length counting the whole record. */
function parsePax(data: Buffer, offset: number): Record<string, string> {
  const records: Record<string, string> = {};
  let at = 0;
  while (at < data.length) {
    if (data[at] === 0) break;
    const space = data.indexOf(0x20, at);
    const length = space > at ? Number(data.subarray(at, space).toString('latin1')) : NaN;
    if (!Number.isSafeInteger(length) || length <= space - at || at + length > data.length) throw new TarProblem(`the extended header at byte ${offset} is malformed`);
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals > 0) records[record.slice(0, equals)] = record.slice(equals + 1);
    at += length;
  }
  return records;
}

/** `./index.json` and `index.json` are one name; absolute names and `..` are refused. */
export function normaliseName(raw: string, limits: TarLimits = TAR_LIMITS): string {
  if (raw.length > limits.maxNameLength) throw new TarProblem(`the archive holds a name of ${raw.length} characters, more than the ${limits.maxNameLength} Stevedore reads`);
  if (raw.includes('\0') || raw.includes('\\')) throw new TarProblem(`the archive holds the odd name "${raw.slice(0, 120)}"`, raw);
  if (raw.startsWith('/')) throw new TarProblem(`the archive holds the absolute name "${raw.slice(0, 120)}"`, raw);
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new TarProblem(`the archive holds the name "${raw.slice(0, 120)}", which climbs out of it with ".."`, raw);
  if (segments.length === 0) return '.';
  return segments.join('/');
}

function describeType(type: string): string {
  switch (type) {
    case '1':
      return 'a hard link';
    case '2':
      return 'a symbolic link';
    default:
      return `an entry of tar type "${type.replace(/[^\x20-\x7e]/g, '?')}"`;
  }
}
