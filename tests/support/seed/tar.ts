import { gzipSync } from 'node:zlib';

/** A file or directory to put in a tar archive. */
export interface TarEntry {
  path: string;
  /** Omitted for a directory. */
  content?: Uint8Array | string;
  mode?: number;
}

const BLOCK = 512;
/** A fixed mtime keeps archives, and so digests, reproducible. */
const FIXED_MTIME = 1_700_000_000;

function writeString(header: Uint8Array, offset: number, length: number, value: string): void {
  const bytes = new TextEncoder().encode(value);
  if (bytes.byteLength > length) throw new Error(`tar: "${value}" is longer than ${length} bytes`);
  header.set(bytes, offset);
}

function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  writeString(header, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

function headerFor(name: string, size: number, mode: number, type: '0' | '5'): Uint8Array {
  const header = new Uint8Array(BLOCK);
  writeString(header, 0, 100, name);
  writeOctal(header, 100, 8, mode);
  writeOctal(header, 108, 8, 0);
  writeOctal(header, 116, 8, 0);
  writeOctal(header, 124, 12, size);
  writeOctal(header, 136, 12, FIXED_MTIME);
  header.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  writeString(header, 156, 1, type);
  writeString(header, 257, 6, 'ustar\0');
  writeString(header, 263, 2, '00');
  writeString(header, 265, 32, 'root');
  writeString(header, 297, 32, 'root');
  let sum = 0;
  for (const byte of header) sum += byte;
  writeString(header, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return header;
}

/** A ustar archive (names up to 100 bytes), ended by two zero blocks. */
export function tar(entries: TarEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    if (entry.content === undefined) {
      const name = entry.path.endsWith('/') ? entry.path : `${entry.path}/`;
      parts.push(headerFor(name, 0, entry.mode ?? 0o755, '5'));
      continue;
    }
    const body = typeof entry.content === 'string' ? new TextEncoder().encode(entry.content) : entry.content;
    parts.push(headerFor(entry.path, body.byteLength, entry.mode ?? 0o644, '0'));
    parts.push(body);
    const pad = (BLOCK - (body.byteLength % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  return Buffer.concat(parts);
}

/** node:zlib writes mtime 0 in the gzip header, so the same tar always gives the same bytes. */
export function gzip(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes, { level: 9 });
}
