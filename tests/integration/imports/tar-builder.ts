/** Writes tar bytes by hand, so tests can make archives no honest tool would: `../x`, lies about sizes, twice the same name. */
export interface TarItem {
  name: string;
  data?: Buffer;
  /** The size the header claims (defaults to the data's length). */
  claimedSize?: number;
  type?: string;
}

export function tarHeader(name: string, size: number, type = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name.slice(0, 100), 0, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write(type, 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return header;
}

export function buildTar(items: TarItem[], end = true): Buffer {
  const parts: Buffer[] = [];
  for (const item of items) {
    const data = item.data ?? Buffer.alloc(0);
    parts.push(tarHeader(item.name, item.claimedSize ?? data.length, item.type));
    parts.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  if (end) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
