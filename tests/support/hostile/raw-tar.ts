import { gzipSync } from 'node:zlib';

/**
 * A tar writer that writes whatever it is told: names real tools refuse (`../x`, `/etc/x`, NUL),
 * links anywhere, devices, sizes that lie. Only for building hostile test archives.
 */
export type RawType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

export interface RawEntry {
  name: string;
  type?: RawType;
  content?: Uint8Array | string;
  linkpath?: string;
  mode?: number;
  /** Written in the header instead of the real size (a lie). */
  headerSize?: number;
  /** Forces a PAX header for the name (long names get one anyway). */
  pax?: boolean;
}

const BLOCK = 512;
const MTIME = 1_700_000_000;
const TYPE_FLAG: Record<RawType, string> = { file: '0', dir: '5', symlink: '2', hardlink: '1', char: '3', block: '4', fifo: '6' };

function header(name: Buffer, size: number, mode: number, type: string, linkpath: Buffer = Buffer.alloc(0)): Buffer {
  const block = Buffer.alloc(BLOCK);
  name.copy(block, 0, 0, Math.min(100, name.length));
  block.write(`${mode.toString(8).padStart(7, '0')}\0`, 100, 'ascii');
  block.write('0000000\0', 108, 'ascii');
  block.write('0000000\0', 116, 'ascii');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  block.write(`${MTIME.toString(8).padStart(11, '0')}\0`, 136, 'ascii');
  block.fill(0x20, 148, 156);
  block.write(type, 156, 'ascii');
  linkpath.copy(block, 157, 0, Math.min(100, linkpath.length));
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

function pad(length: number): Buffer {
  return Buffer.alloc((BLOCK - (length % BLOCK)) % BLOCK);
}

function paxRecord(key: string, value: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(` ${key}=`), value, Buffer.from('\n')]);
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return Buffer.concat([Buffer.from(String(length)), body]);
}

export function rawTar(entries: RawEntry[], options: { endBlocks?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? (entry.content === undefined ? 'dir' : 'file');
    const name = Buffer.from(entry.name, 'utf8');
    const linkpath = Buffer.from(entry.linkpath ?? '', 'utf8');
    const body = entry.content === undefined ? Buffer.alloc(0) : Buffer.from(entry.content);
    if (entry.pax || name.length > 100 || linkpath.length > 100) {
      const records = Buffer.concat([paxRecord('path', name), ...(linkpath.length > 0 ? [paxRecord('linkpath', linkpath)] : [])]);
      parts.push(header(Buffer.from('PaxHeader'), records.length, 0o644, 'x'), records, pad(records.length));
    }
    const mode = entry.mode ?? (type === 'dir' ? 0o755 : 0o644);
    parts.push(header(name, entry.headerSize ?? body.length, mode, TYPE_FLAG[type], linkpath), body, pad(body.length));
  }
  if (options.endBlocks !== false) parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

export function rawTarGz(entries: RawEntry[], options: { endBlocks?: boolean } = {}): Buffer {
  return gzipSync(rawTar(entries, options));
}
