import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from './uploads';

describe('sanitizeFileName', () => {
  it.each([
    ['chart-1.0.0.tgz', 'chart-1.0.0.tgz'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\sbom.json', 'sbom.json'],
    ['\\\\server\\share\\x.bin', 'x.bin'],
    ['..', '__'],
    ['.hidden', '_hidden'],
    ['a\u0000b\nc', 'a_b_c'],
    ['what?<x>:"y"|*.txt', 'what__x___y___.txt'],
    ['dir/', 'upload'],
    ['   ', 'upload'],
  ])('%j → %j', (raw, safe) => {
    expect(sanitizeFileName(raw)).toBe(safe);
  });

  it('caps a long name at 200 bytes without splitting a character', () => {
    const name = sanitizeFileName('é'.repeat(300));
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^é+$/);
  });
});
