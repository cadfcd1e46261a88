/** What a .wasm file is: a core module, or a component with its top-level imports and exports. */
export interface WasmFacts {
  component: boolean;
  imports: string[];
  exports: string[];
  /** Why the component's imports and exports could not be read (they are then left empty). */
  unreadable?: string;
}

const IMPORT_SECTION = 10;
const EXPORT_SECTION = 11;
const MAX_NAMES = 10_000;

class Reader {
  offset: number;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.offset = start;
  }
  byte(): number {
    if (this.offset >= this.end) throw new Error('unexpected end of section');
    return this.bytes[this.offset++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new Error('a number is too long');
    }
  }
  name(): string {
    const length = this.u32();
    if (this.offset + length > this.end) throw new Error('a name runs past its section');
    const text = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.offset, length).toString('utf8');
    this.offset += length;
    return text;
  }
  /** importname' / exportname': 0x00 name, or 0x01 name + version suffix. */
  externName(): string {
    const form = this.byte();
    const name = this.name();
    if (form === 0x01) this.name();
    else if (form !== 0x00) throw new Error(`unknown name form ${form}`);
    return name;
  }
  externDesc(): void {
    const kind = this.byte();
    if (kind === 0x00) {
      this.byte(); // 0x11: core module
      this.u32();
    } else if (kind === 0x02 || kind === 0x03) {
      const bound = this.byte();
      if (!(kind === 0x03 && bound === 0x01)) this.u32();
    } else if (kind >= 0x01 && kind <= 0x05) {
      this.u32();
    } else {
      throw new Error(`unknown extern kind ${kind}`);
    }
  }
  sortIdx(): void {
    if (this.byte() === 0x00) this.byte();
    this.u32();
  }
}

/**
 * Reads the preamble and, for a component, the names in its top-level import and export sections
 * (the interfaces of its world, e.g. `wasi:cli/run@0.2.0`). Best effort: a binary this reader does
 * not follow keeps empty lists and says why.
 */
export function readWasm(bytes: Uint8Array): WasmFacts {
  const component = bytes.length >= 8 && bytes[6] === 0x01 && bytes[7] === 0x00 && bytes[4] !== 0x01;
  if (!component) return { component: false, imports: [], exports: [] };
  const imports: string[] = [];
  const exports: string[] = [];
  try {
    const top = new Reader(bytes, 8, bytes.length);
    while (top.offset < bytes.length) {
      const id = top.byte();
      const size = top.u32();
      const end = top.offset + size;
      if (end > bytes.length) throw new Error('a section runs past the end of the file');
      if (id === IMPORT_SECTION || id === EXPORT_SECTION) {
        const section = new Reader(bytes, top.offset, end);
        const count = section.u32();
        for (let i = 0; i < count && i < MAX_NAMES; i++) {
          const name = section.externName();
          if (id === IMPORT_SECTION) {
            section.externDesc();
            imports.push(name);
          } else {
            section.sortIdx();
            if (section.byte() === 0x01) section.externDesc();
            exports.push(name);
          }
        }
      }
      top.offset = end;
    }
  } catch (error) {
    return { component: true, imports: [], exports: [], unreadable: (error as Error).message };
  }
  return { component: true, imports, exports };
}
