import type { FileHandle } from 'node:fs/promises';
import { Header, Pax } from 'tar';

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
  const block = Buffer.alloc(BLOCK);
  const reader = new HeaderReader(file);
  let offset = 0;
  let count = 0;
  let longName: string | undefined;
  let pax: Pax | undefined;
  while (true) {
    if (offset + BLOCK > fileSize) throw new TarProblem(`the archive ends in the middle of an entry (at byte ${offset} of ${fileSize}): it is truncated`);
    await reader.read(block, offset);
    if (block.every((b) => b === 0)) break;
    // node-tar decodes the block (ustar prefix, base-256 sizes, the checksum); pending pax records
    // and a GNU long name then override its path and size, as node-tar's ReadEntry applies them
    const header = decodeHeader(block, offset);
    if (!header.cksumValid) throw new TarProblem(`the tar header at byte ${offset} is corrupt (its checksum does not match): this is not an intact tar archive`);
    if (++count > limits.maxEntries) throw new TarProblem(`the archive has more than ${limits.maxEntries} entries, more than Stevedore reads`);
    const type = String.fromCharCode(block[156] || 0x30);
    const isExtension = type === 'x' || type === 'g' || type === 'L' || type === 'K';
    const size = isExtension ? header.size : (pax?.size ?? header.size);
    if (size === undefined || !Number.isSafeInteger(size)) throw new TarProblem(`the entry at byte ${offset} has an unreadable size`);
    const dataStart = offset + BLOCK;
    if (dataStart + size > fileSize) {
      throw new TarProblem(`an entry at byte ${offset} claims ${size} bytes, but the archive ends ${fileSize - dataStart} bytes later: it is truncated or corrupt`);
    }
    const next = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (isExtension) {
      if (size > limits.maxHeaderData) throw new TarProblem(`an extended header at byte ${offset} is ${size} bytes, more than Stevedore reads`);
      const data = Buffer.alloc(size);
      await reader.read(data, dataStart);
      // 'K' (a GNU long link target) only matters to links, which are not read; global records
      // ('g') carry no path or size for one entry: both are read past.
      if (type === 'L') longName = data.toString('utf8').replace(/\0+$/, '');
      else if (type === 'x') pax = Pax.parse(data.toString('utf8'), undefined, false);
      offset = next;
      continue;
    }
    const name = normaliseName(pax?.path ?? longName ?? header.path ?? '', limits);
    longName = undefined;
    pax = undefined;
    if (type === '5') {
      offset = next;
      continue;
    }
    if (files.has(name) || others.has(name)) throw new TarProblem(`the archive holds "${name.slice(0, 120)}" twice, so which one is meant is unclear`, name);
    if (type === '0' || type === '7') files.set(name, { offset: dataStart, size });
    else others.set(name, describeType(type));
    offset = next;
  }
  return { files, others };
}

function decodeHeader(block: Buffer, offset: number): Header {
  try {
    return new Header(block);
  } catch (error) {
    throw new TarProblem(`the tar header at byte ${offset} is unreadable (${error instanceof Error ? error.message : 'bad field'}): this is not an intact tar archive`);
  }
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
