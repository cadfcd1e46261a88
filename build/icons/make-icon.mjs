// Writes build/icons/icon.png (512×512), the app icon electron-builder converts for each platform:
// a shipping container, drawn from the same shapes as icon.svg. `node build/icons/make-icon.mjs`
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const background = [0x1f, 0x4e, 0x79];
const container = [0xe8, 0x8a, 0x2c];
const ridge = [0xb8, 0x62, 0x12];

function colourAt(x, y) {
  const inset = 24;
  const radius = 96;
  const cx = Math.min(Math.max(x, inset + radius), SIZE - inset - radius);
  const cy = Math.min(Math.max(y, inset + radius), SIZE - inset - radius);
  if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return null;
  if (x >= 96 && x < 416 && y >= 160 && y < 352) {
    const stripe = x >= 144 && x < 368 && Math.floor((x - 144) / 32) % 2 === 0 && y >= 176 && y < 336;
    return stripe ? ridge : container;
  }
  return background;
}

function png(width, height, pixel) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const colour = pixel(x, y);
      const at = y * (width * 4 + 1) + 1 + x * 4;
      if (colour) raw.set([...colour, 255], at);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

writeFileSync(new URL('./icon.png', import.meta.url), png(SIZE, SIZE, colourAt));
